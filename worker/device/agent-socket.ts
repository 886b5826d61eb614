import { CloseCode, type ServerMessage } from "../../shared/protocol/messages";

/** What the object remembers of a socket across hibernation (kept far below 2 KB). */
export interface SocketState {
  /** Set by hello; a socket without it may send nothing else. */
  agentId: string | null;
  connectedAt: number;
  /** The last frame from the agent. Kept here only: D1 hears of presence on transitions. */
  lastSeenAt: number;
  /** The agent token the socket was opened with, looked at again every credentialCheckMs. */
  credentialId: string | null;
  credentialCheckedAt: number;
}

export const AGENT_TAG = "agent";

export function socketState(ws: WebSocket): SocketState {
  const state = ws.deserializeAttachment() as SocketState | null;
  return state ?? { agentId: null, connectedAt: 0, lastSeenAt: 0, credentialId: null, credentialCheckedAt: 0 };
}

export function saveSocketState(ws: WebSocket, state: SocketState): void {
  ws.serializeAttachment(state);
}

const isOpen = (ws: WebSocket) => ws.readyState === WebSocket.READY_STATE_OPEN;

/** The agent connection that has said hello, if any (at most one is kept). */
export function agentSocket(ctx: DurableObjectState, except?: WebSocket): WebSocket | null {
  for (const ws of ctx.getWebSockets(AGENT_TAG)) {
    if (ws !== except && isOpen(ws) && socketState(ws).agentId !== null) return ws;
  }
  return null;
}

/** Open sockets other than `except`, helloed or not. */
export function otherSockets(ctx: DurableObjectState, except: WebSocket): WebSocket[] {
  return ctx.getWebSockets(AGENT_TAG).filter((ws) => ws !== except && isOpen(ws));
}

/** Sends if the socket is open; false when it is not (the caller's timeouts take over). */
export function send(ws: WebSocket, message: ServerMessage): boolean {
  try {
    ws.send(JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}

export function closeSocket(ws: WebSocket, code: (typeof CloseCode)[keyof typeof CloseCode] | 1000, reason: string): void {
  try {
    // Close reasons are limited to 123 bytes.
    ws.close(code, reason.slice(0, 120));
  } catch {
    // Already closed.
  }
}
