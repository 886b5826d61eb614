import { setTimeout as sleep } from "node:timers/promises";

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * Polls `url` until the server answers at all (any status counts: the point is that it
 * listens), `stop` settles, or the deadline passes. Returns the first answer, or null.
 */
export async function waitForHttp(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  stop: Promise<unknown>,
): Promise<HttpAnswer | null> {
  let stopped = false;
  const markStopped = () => {
    stopped = true;
  };
  void stop.then(markStopped, markStopped);
  const deadline = Date.now() + timeoutMs;
  while (!stopped && Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: await response.text() };
    } catch {
      await sleep(250);
    }
  }
  return null;
}
