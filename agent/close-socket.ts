import WebSocket from "ws";

/** How long a peer gets to answer a close frame before the socket is cut. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Closes a WebSocket cleanly and resolves once it is closed: a close frame, or a cut if the
 * peer does not answer in time (a dead server must not hold up shutdown). A socket still
 * connecting is cut at once, as it has no close handshake to make.
 */
export function closeSocket(socket: WebSocket, reason: string): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => {
      socket.terminate();
      resolve();
    }, CLOSE_TIMEOUT_MS);
    socket.once("close", () => {
      clearTimeout(cut);
      resolve();
    });
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close(1000, reason);
  });
}
