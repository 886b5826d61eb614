import { agentPhonesAnswer, type AgentPhonesAnswer } from "../../shared/agent-phones";
import { validate } from "../../shared/validation";
import { getFromWorker, refused } from "./worker-get";

/** `status` waits this long for the server; it is informational and must not hang a terminal. */
const TIMEOUT_MS = 10_000;

export interface ServerSettings {
  server: string | undefined;
  token: string | undefined;
  agentId: string | undefined;
}

/** The server's view of this PC's phones, or why there is none (one line, with what to do). */
export type ServerPhones = { ok: true; answer: AgentPhonesAnswer } | { ok: false; why: string };

/**
 * This PC's phones as the Worker sees them (`GET /api/v1/agent/phones`): whether each is
 * linked, and the task it runs. Every failure is an answer, not an error: `status` still
 * shows what the adb server lists when the server cannot say more.
 */
export async function serverPhones({ server, token, agentId }: ServerSettings): Promise<ServerPhones> {
  if (server === undefined || token === undefined) {
    return { ok: false, why: "the server and agent token are not set: run tikmatrix-agent pair --server https://<your worker> (or give --server and --token)" };
  }
  // Phones are recorded under the id `run` made on its first start: before that, none are this PC's.
  if (agentId === undefined) return { ok: false, why: "the agent never ran with this state directory, so the server links none of its phones: start it (tikmatrix-agent run, or install-service)" };
  const answer = await getFromWorker(server, token, `/api/v1/agent/phones?agent_id=${encodeURIComponent(agentId)}`, TIMEOUT_MS);
  if (answer.kind === "unreachable") return { ok: false, why: `cannot reach ${server}: ${answer.reason} (tikmatrix-agent doctor says what to do)` };
  if (answer.kind === "not-the-worker") return { ok: false, why: `${server} answered HTTP ${answer.status}, but not as the TikMatrix Worker does: --server must be the Worker's own address` };
  if (refused(answer)) return { ok: false, why: `${server} refused the agent token (${answer.message}): pair this PC again with tikmatrix-agent pair` };
  // A Worker deployed before this route: PUT /phones is there, so GET is a method not allowed (or, older still, not found).
  if (answer.status === 404 || answer.message.startsWith("method GET is not allowed")) return { ok: false, why: `${server} does not serve this PC's phones yet: deploy the Worker of this agent's version` };
  if (answer.code !== 0) return { ok: false, why: `${server} answered HTTP ${answer.status}: ${answer.message}` };
  const parsed = validate(agentPhonesAnswer, answer.data, "data");
  if (!parsed.ok) return { ok: false, why: `${server} answered in a shape this agent does not read (${parsed.message}): update the agent or the Worker to the same version` };
  return { ok: true, answer: parsed.value };
}
