import type { Command } from "../command";
import { issueSignInLink } from "../ops/sign-in-link";
import { printJson, printLines } from "../output";
import { UserError } from "../../lib/errors";

const LOCAL_URL = "http://127.0.0.1:8787";

/**
 * A one-time sign-in link for the dashboard, so nobody types a key on a phone: open it, tap
 * Sign in, and that browser has a session. Spent when used, dead after 15 minutes; only its
 * hash is stored. The link goes alone on the last line of stdout.
 */
export const createLoginCommand: Command = {
  name: "create-login",
  synopsis: "<workspace> [--url URL]",
  summary: "print a one-time dashboard sign-in link (valid 15 minutes)",
  details: [
    "  <workspace>   the workspace's name or id",
    `  --url URL     the dashboard's address (default ${LOCAL_URL}; with --remote: your Worker's URL, required)`,
  ],
  positionals: ["workspace"],
  options: { url: { type: "string" } },
  async run(context) {
    const base = baseUrlOf(context.option("url"), context.remote);
    const { url, expiresAt, issued } = await issueSignInLink(await context.database(), context.positionals[0] ?? "", base);
    if (context.json) return printJson({ id: issued.row.id, workspace_id: issued.workspace.id, expires_at: new Date(expiresAt).toISOString(), url });
    printLines(`A sign-in link for workspace ${issued.workspace.name} (${issued.workspace.id}), valid until ${new Date(expiresAt).toISOString()} and once:`, url);
  },
};

function baseUrlOf(given: string | undefined, remote: boolean): string {
  if (given === undefined) {
    if (remote) throw new UserError("--url is required with --remote: your Worker's address, e.g. https://tikmatrix-edge.<you>.workers.dev");
    return LOCAL_URL;
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UserError(`--url "${given}" is not a URL (e.g. https://tikmatrix-edge.<you>.workers.dev)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UserError(`--url must be http(s), not ${url.protocol}`);
  return url.origin;
}
