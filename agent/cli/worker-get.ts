import { reason } from "./adb-server";

/** What a GET to the Worker with the agent token came to, for a command to explain. */
export type WorkerAnswer =
  | { kind: "unreachable"; reason: string }
  /** Something answered, but not with the API's envelope: most often a wrong --server. */
  | { kind: "not-the-worker"; status: number }
  | { kind: "envelope"; status: number; code: number; message: string; data: unknown };

/**
 * One GET of an agent route, as `doctor` and `status` make it: the token as a bearer, a
 * deadline, and no redirect followed (a login page or another host is not the Worker).
 */
export async function getFromWorker(server: string, token: string, path: string, timeoutMs: number): Promise<WorkerAnswer> {
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
  } catch (error) {
    // fetch says only "fetch failed"; the refused connection or unknown host is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { kind: "unreachable", reason: `${reason(error)}${cause}` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== "object" || body === null || typeof (body as { code?: unknown }).code !== "number") return { kind: "not-the-worker", status: response.status };
  const envelope = body as { code: number; message?: unknown; data?: unknown };
  return { kind: "envelope", status: response.status, code: envelope.code, message: String(envelope.message ?? envelope.code), data: envelope.data };
}

/** The Worker refused the credential: 401 (wrong, revoked, or not an agent token) or 403 (not allowed). */
export function refused(answer: WorkerAnswer): boolean {
  return answer.kind === "envelope" && (answer.status === 401 || answer.status === 403);
}
