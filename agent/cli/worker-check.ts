import { type Check, ok, problem } from "./check";
import { getFromWorker, refused } from "./worker-get";

const TIMEOUT_MS = 15_000;
const NEW_TOKEN = "make a new agent token (npm run admin -- create-agent-token <workspace> --remote) and give it with --token or TIKMATRIX_TOKEN";

/**
 * Whether the Worker answers at `server` and takes the token. No route exists to ask just
 * that, so this makes a request an agent token may make (a library material's bytes, for an
 * id no material has): the credential is checked before the route runs, so "no such
 * material" means the token was accepted, and 40101 that it was not.
 */
export async function checkWorker(server: string | undefined, token: string | undefined): Promise<Check> {
  if (server === undefined || token === undefined) {
    const missing = [server === undefined ? "the server" : "", token === undefined ? "the agent token" : ""].filter((part) => part !== "");
    return problem(`${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set, so the Worker was not checked`, "give --server https://… and --token tma_… (or TIKMATRIX_SERVER / TIKMATRIX_TOKEN, or server and token in <state-dir>/config.json)");
  }
  const answer = await getFromWorker(server, token, "/api/v1/agent/materials/0/content", TIMEOUT_MS);
  if (answer.kind === "unreachable") {
    return problem(`cannot reach ${server}: ${answer.reason}`, "check the address (--server), this PC's network and any proxy: the address should open in a browser");
  }
  if (answer.kind === "not-the-worker") {
    return problem(`${server} answered HTTP ${answer.status}, but not as the TikMatrix Worker does`, "--server must be the Worker's own address, e.g. https://tikmatrix-edge.<you>.workers.dev, without /api/v1");
  }
  if (refused(answer)) return problem(`${server} refused the agent token: ${answer.message}`, NEW_TOKEN);
  if (answer.status >= 500) return problem(`${server} answered HTTP ${answer.status} (${answer.message})`, "the Worker is failing: see wrangler tail, then run doctor again");
  return ok(`${server} answers and accepts the agent token`);
}
