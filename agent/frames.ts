import type WebSocket from "ws";
import { z } from "zod";
import { decodeUtf8, illFormedText, toWellFormed } from "../shared/json/bounded-json";
import { parseFrameJson } from "../shared/protocol/frame-json";
import { type AgentMessageInput, agentMessage, runMessage, type ServerMessage, serverMessage } from "../shared/protocol/messages";
import { validate } from "../shared/validation";

/** A run the agent refused, by the ids its failed result must carry. */
export interface RefusedRun {
  task_id: number;
  attempt_id: string;
}

/**
 * A server frame as the agent reads it. A refused frame that was a run with readable ids
 * says which (`run`): dropped, its task would stay running on the server until its
 * deadline, so the link answers it instead.
 */
export type ServerFrame = { ok: true; value: ServerMessage } | { ok: false; message: string; run?: RefusedRun };

// The ids by the run message's own rules: a result naming them must pass the protocol too.
const runIds = z.object({ type: z.literal("run"), task_id: runMessage.shape.task_id, attempt_id: runMessage.shape.attempt_id });

/**
 * A frame from the server, checked as the server checks ours: bounded before it is parsed,
 * strict UTF-8, well-formed strings, then the protocol's own schema. The agent acts on
 * nothing that only the Worker vouched for.
 */
export function parseServerFrame(data: WebSocket.RawData, isBinary: boolean): ServerFrame {
  if (isBinary) return { ok: false, message: "a binary frame (the protocol is JSON text)" };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const text = decodeUtf8(bytes, "frame");
  if (!text.ok) return text;
  const json = parseFrameJson(text.text);
  if (!json.ok && json.parsed === undefined) return { ok: false, message: json.message };
  const value = json.ok ? json.value : json.parsed;
  const ids = runIds.safeParse(value);
  if (ids.success) {
    // A run is told what it broke as `run.<field>`, the words its failed result carries.
    const problem = json.ok ? validate(runMessage, value, "run") : { ok: false as const, message: illFormedText(value, "run", "run") ?? json.message };
    if (!problem.ok) return { ok: false, message: problem.message, run: { task_id: ids.data.task_id, attempt_id: ids.data.attempt_id } };
  }
  if (!json.ok) return { ok: false, message: json.message };
  return validate(serverMessage, value, "message");
}

/**
 * A frame for the server. Checked here too: the object closes the socket (4400) on a bad
 * frame, which would drop every other message in flight, so a bug of ours fails loudly
 * on this side instead. Text read off a phone's screen can hold a lone surrogate, which the
 * object refuses; it goes as U+FFFD, as any UTF-8 decoder would show it.
 */
export function encodeAgentFrame(message: AgentMessageInput): string {
  const checked = validate(agentMessage, message, "message");
  if (!checked.ok) throw new Error(`refusing to send an invalid ${message.type} frame: ${checked.message}`);
  return JSON.stringify(checked.value, (_key, value: unknown) => (typeof value === "string" ? toWellFormed(value) : value));
}
