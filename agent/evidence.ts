/** Where the agent puts a task's screenshot (worker/routes/agent: one per task, the latest wins). */
export function screenshotUrl(server: string, taskId: number): string {
  return `${server}/api/v1/agent/tasks/${taskId}/screenshot`;
}

/**
 * Uploads a PNG as the task's screenshot. Evidence is not worth failing a post for, so the
 * caller logs a failure and carries on; the deadline keeps a slow network from holding the run.
 */
export async function uploadScreenshot(server: string, token: string, taskId: number, png: Buffer, timeoutMs = 30_000): Promise<void> {
  const response = await fetch(screenshotUrl(server, taskId), {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
    body: png,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw new Error(`screenshot upload: HTTP ${response.status} ${body.slice(0, 200)}`);
  }
}
