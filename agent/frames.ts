import type WebSocket from "ws";
import { type AgentMessageInput, agentMessage, type ServerMessage, serverMessage } from "../shared/protocol/messages";
import { type Validated, validate } from "../shared/validation";

/** A frame from the server, checked against the protocol's own schema. */
export function parseServerFrame(data: WebSocket.RawData, isBinary: boolean): Validated<ServerMessage> {
  if (isBinary) return { ok: false, message: "a binary frame (the protocol is JSON text)" };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    return { ok: false, message: `not JSON: ${bytes.toString("utf8").slice(0, 200)}` };
  }
  return validate(serverMessage, json, "message");
}

/**
 * A frame for the server. Checked here too: the object closes the socket (4400) on a bad
 * frame, which would drop every other message in flight, so a bug of ours fails loudly
 * on this side instead.
 */
export function encodeAgentFrame(message: AgentMessageInput): string {
  const checked = validate(agentMessage, message, "message");
  if (!checked.ok) throw new Error(`refusing to send an invalid ${message.type} frame: ${checked.message}`);
  return JSON.stringify(checked.value);
}
