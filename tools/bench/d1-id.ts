import { z } from "zod";
import { DATABASE } from "../lib/d1";
import { quietEnv } from "../lib/quiet-env";
import { REPO_ROOT } from "../lib/repo";
import { runCaptured } from "../lib/run-captured";
import { BenchFailure } from "./failure";

/**
 * wrangler's own reading of wrangler.toml, in a child process: importing wrangler here
 * would install its SIGINT handler, which exits at once and would skip the cleanup.
 */
const READ_CONFIG = `
const { unstable_readConfig } = await import("wrangler");
const config = unstable_readConfig({ config: "wrangler.toml" });
const db = config.d1_databases.find((d) => d.binding === ${JSON.stringify(DATABASE)});
process.stdout.write("\\n" + JSON.stringify(db ?? null) + "\\n");
`;

const d1Binding = z.object({
  binding: z.string(),
  database_id: z.string().optional(),
  preview_database_id: z.string().optional(),
});

/**
 * The id under which `wrangler dev` keeps the local D1 of binding DB. Miniflare names
 * the SQLite file after it, so opening Miniflare's D1 with the same id opens the same
 * file. wrangler 4.86 uses preview_database_id, else database_id, else the binding.
 */
export async function localDatabaseId(): Promise<string> {
  const run = await runCaptured(process.execPath, ["--input-type=module", "-e", READ_CONFIG], {
    cwd: REPO_ROOT,
    env: quietEnv(),
    timeoutMs: 60_000,
  });
  const last = run.stdout.trimEnd().split("\n").at(-1) ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    parsed = undefined;
  }
  const binding = d1Binding.safeParse(parsed);
  if (run.code !== 0 || !binding.success) {
    throw new BenchFailure(`could not read the ${DATABASE} binding from wrangler.toml:\n${run.stdout}\n${run.stderr}`.trim());
  }
  return binding.data.preview_database_id ?? binding.data.database_id ?? binding.data.binding;
}
