import { asc, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { taskLogs } from "../../db/schema";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/api-error";
import { success } from "../../http/envelope";
import { getTask } from "../../tasks/queries";
import { formatIso } from "../../time/zoned";
import { taskIdParam } from "./params";

/** A task's lines past this are not returned (a run writes tens, not thousands). */
const MAX_LOG_LINES = 5000;

export const screenshotKey = (workspaceId: string, taskId: number) => `screenshots/${workspaceId}/${taskId}`;

/** What a run left behind: its log lines and its final screenshot. */
export const evidenceRoutes = new Hono<AppEnv>()
  .get("/:task_id{[0-9]+}/logs", async (c) => {
    const task = await getTask(c.get("db"), c.get("workspace").id, taskIdParam(c.req.param("task_id")));
    const rows = await c
      .get("db")
      .select()
      .from(taskLogs)
      .where(eq(taskLogs.taskId, task.id))
      // Attempts in the order they began; within one, the agent's own order (seq), which
      // holds even when lines arrive out of order after a reconnect.
      .orderBy(
        sql`(SELECT min(first.id) FROM ${taskLogs} AS first WHERE first.task_id = ${taskLogs.taskId} AND first.attempt_id = ${taskLogs.attemptId})`,
        asc(taskLogs.seq),
      )
      .limit(MAX_LOG_LINES)
      .all();
    const logs = rows.map((r) => ({ at: formatIso(r.at), level: r.level, message: r.message, attempt_id: r.attemptId }));
    return success(c, { task_id: task.id, logs });
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
