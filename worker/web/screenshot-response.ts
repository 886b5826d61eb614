import type { Context } from "hono";
import { screenshotKey } from "../routes/tasks/evidence";
import type { WebEnv } from "./web-env";

/**
 * A task's final screenshot as a page shows it, or 404. The caller has checked the task is the
 * session's workspace's. A screenshot never changes: the browser may keep it (privately) for a day.
 */
export async function screenshotResponse(c: Context<WebEnv>, task: { id: number; workspaceId: string } | null | undefined): Promise<Response> {
  const object = task === null || task === undefined ? null : await c.env.SCREENSHOTS.get(screenshotKey(task.workspaceId, task.id));
  if (object === null) return c.notFound();
  c.header("Content-Type", object.httpMetadata?.contentType ?? "image/png");
  c.header("Cache-Control", "private, max-age=86400");
  return c.body(object.body);
}
