import { AGENT_VERSION } from "../version";

/** `tikmatrix-agent --version`: the version alone, for scripts that compare it. */
export function printVersion(): number {
  process.stdout.write(`${AGENT_VERSION}\n`);
  return 0;
}
