import { type Check, ok, problem } from "./check";
import { reason } from "./adb-server";

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
  let response: Response;
  try {
    response = await fetch(`${server}/api/v1/agent/materials/0/content`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return problem(`cannot reach ${server}: ${reason(error)}${cause}`, "check the address (--server), this PC's network and any proxy: the address should open in a browser");
  }
  const envelope = await response.json().then(
    (body: unknown) => (typeof body === "object" && body !== null && typeof (body as { code?: unknown }).code === "number" ? (body as { code: number; message?: unknown }) : undefined),
    () => undefined,
  );
  if (envelope === undefined) {
    return problem(`${server} answered HTTP ${response.status}, but not as the TikMatrix Worker does`, "--server must be the Worker's own address, e.g. https://tikmatrix-edge.<you>.workers.dev, without /api/v1");
  }
  if (response.status === 401 || response.status === 403) {
    return problem(`${server} refused the agent token: ${String(envelope.message ?? envelope.code)}`, NEW_TOKEN);
  }
  if (response.status >= 500) return problem(`${server} answered HTTP ${response.status} (${String(envelope.message ?? envelope.code)})`, "the Worker is failing: see wrangler tail, then run doctor again");
  return ok(`${server} answers and accepts the agent token`);
}
