import { UserError } from "../lib/errors";

/** Most phones one PC drives in practice is about 30; a demo needs far fewer. */
export const MAX_SIMULATED = 20;
/** The first simulated phone is 127.0.0.1:7701, the serial the README's curl names. */
export const DEFAULT_SIMULATE_PORT = 7701;

export interface StartArgs {
  /** How many simulated phones; undefined: use the phones the adb server on 5037 sees. */
  simulate: number | undefined;
  /** The first simulated phone's port; the others follow it. */
  simulatePort: number;
  /** Everything else, for wrangler dev. */
  wranglerArgs: string[];
}

/**
 * Takes `--simulate N` and `--simulate-port P` (either `--x v` or `--x=v`) out of the
 * arguments; the rest goes to wrangler dev, which would refuse flags it does not know.
 */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  const wranglerArgs: string[] = [];
  let simulateText: string | undefined;
  let portText: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag = "", inline] = arg.startsWith("--") && arg.includes("=") ? splitOnce(arg) : [arg, undefined];
    if (flag !== "--simulate" && flag !== "--simulate-port") {
      wranglerArgs.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new UserError(`${flag} needs a value, e.g. ${flag} ${flag === "--simulate" ? 3 : DEFAULT_SIMULATE_PORT}`);
    if (flag === "--simulate") simulateText = value;
    else portText = value;
  }

  const simulate = simulateText === undefined ? undefined : integerIn(simulateText, 1, MAX_SIMULATED);
  if (simulateText !== undefined && simulate === undefined) {
    throw new UserError(`--simulate takes a number of phones from 1 to ${MAX_SIMULATED}, got "${simulateText}"`);
  }
  if (portText !== undefined && simulate === undefined) throw new UserError("--simulate-port goes with --simulate N");
  // Unprivileged ports only, and room for every phone below 65536.
  const lastFirst = 65536 - (simulate ?? 1);
  const simulatePort = portText === undefined ? DEFAULT_SIMULATE_PORT : integerIn(portText, 1024, lastFirst);
  if (simulatePort === undefined) {
    throw new UserError(`--simulate-port takes the first phone's port, from 1024 to ${lastFirst}, got "${portText ?? ""}"`);
  }
  return { simulate, simulatePort, wranglerArgs };
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf("=");
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}
