import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root, found from this file rather than the working directory, so the
 * tools behave the same whether started by npm (which changes to the root) or directly.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Resolves a path the user typed. npm runs scripts from the package root but records
 * where the user was in INIT_CWD; `npm run admin -- --persist-to ./x` from a
 * subdirectory should mean that subdirectory's ./x, as it would for any other command.
 */
export function resolveUserPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
