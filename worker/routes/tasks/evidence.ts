import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/api-error";
import { success } from "../../http/envelope";
import { logLinesOf, presentLogLine } from "../../tasks/log-lines";
import { getTask } from "../../tasks/queries";
import { taskIdParam } from "./params";

export const screenshotKey = (workspaceId: string, taskId: number) => `screenshots/${workspaceId}/${taskId}`;

/** What a run left behind: its log lines and its final screenshot. */
export const evidenceRoutes = new Hono<AppEnv>()
  .get("/:task_id{[0-9]+}/logs", async (c) => {
    const task = await getTask(c.get("db"), c.get("workspace").id, taskIdParam(c.req.param("task_id")));
    const rows = await logLinesOf(c.get("db"), task.id);
    return success(c, { task_id: task.id, logs: rows.map(presentLogLine) });
  })
  .get("/:task_id{[0-9]+}/screenshot", async (c) => {
    const task = await getTask(c.get("db"), c.get("workspace").id, taskIdParam(c.req.param("task_id")));
    const object = await c.env.SCREENSHOTS.get(screenshotKey(task.workspaceId, task.id));
    if (object === null) throw notFound(`screenshot of task ${task.id}`);
    return new Response(object.body, {
      headers: {
        "content-type": object.httpMetadata?.contentType ?? "image/png",
        "content-length": String(object.size),
        "cache-control": "private, max-age=60",
      },
    });
  });
