import { DATABASE, targetFlags } from "./d1";
import { UserError } from "./errors";
import { defaultPersistDir, isStampCurrent, writeStamp } from "./migration-stamp";
import { outputTail, runWrangler } from "./wrangler";

/**
 * Applies migrations/ to a local database so a fresh clone (or a new --persist-to
 * directory) works without a separate setup step; skipped when the stamp says nothing
 * changed since the last run (migration-stamp.ts). The command asks "continue?" on a
 * terminal; with stdin closed and CI=true it takes its default (yes) without asking.
 */
export async function applyLocalMigrations(persistTo: string | undefined): Promise<void> {
  const persistDir = persistTo ?? defaultPersistDir();
  if (await isStampCurrent(persistDir)) return;
  const flags = targetFlags(persistTo === undefined ? { remote: false } : { remote: false, persistTo });
  const run = await runWrangler(["d1", "migrations", "apply", DATABASE, ...flags], { env: { CI: "true" } });
  if (run.timedOut) throw new UserError("applying local D1 migrations did not finish in time");
  if (run.code !== 0) throw new UserError(`could not apply local D1 migrations:\n${outputTail(run)}`);
  await writeStamp(persistDir);
}
