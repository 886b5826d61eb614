import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./repo";

/**
 * The local Worker's secrets, as `wrangler secret put` gives a deployed one: a DEV-ONLY
 * TASK_SECRETS_KEY made on the first run and kept beside the local state it belongs to
 * (.wrangler/, or the --persist-to directory), so the tasks sealed with it open after a
 * restart. Returned as wrangler dev arguments; a user's own --env-file, given later, wins.
 */
export async function devSecretsArgs(persistTo: string | undefined): Promise<string[]> {
  const file = join(persistTo ?? join(REPO_ROOT, ".wrangler"), "dev-secrets.env");
  if (!existsSync(file)) {
    await mkdir(dirname(file), { recursive: true });
    const key = randomBytes(32).toString("base64");
    await writeFile(file, `# DEV-ONLY secrets of this local state, made by npm start / npm run dev.\nTASK_SECRETS_KEY=${key}\n`, { mode: 0o600, flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error; // another start made it first: theirs is kept
    });
  }
  return ["--env-file", file];
}
