import { type D1Target, describeTarget } from "./d1";
import { applyLocalMigrations } from "./migrations";

export type LocalTarget = Extract<D1Target, { remote: false }>;

/**
 * The first step of `npm run dev` and `npm start`: bring the local database up to date.
 * wrangler dev does not apply migrations itself, and a fresh clone would otherwise
 * answer 500 ("no such table") on every request.
 */
export async function prepareLocalDatabase(persistTo: string | undefined): Promise<LocalTarget> {
  const target: LocalTarget = persistTo === undefined ? { remote: false } : { remote: false, persistTo };
  await applyLocalMigrations(persistTo);
  process.stderr.write(`Migrations are up to date in ${describeTarget(target)}.\n`);
  return target;
}
