import { type Context, Hono } from "hono";
import { z } from "zod";
import type { TaskStatus } from "../../../shared/task-status";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { conflict, invalid } from "../../http/api-error";
import { readJson, readJsonWithText, readOptionalJson } from "../../http/json-body";
import { offsetOf, readQuery } from "../../http/query";
import { createTasks } from "../../tasks/create";
import { readIdempotencyKey } from "../../tasks/create/idempotency";
import { parseCreateRequest } from "../../tasks/create/request";
import { objectQueues } from "../../tasks/device-queues";
import { encodeCursor } from "../../tasks/list-cursor";
import { TaskLifecycle } from "../../tasks/lifecycle";
import { presentTask } from "../../tasks/presenter";
import { getTask, listTasks, taskStats } from "../../tasks/queries";
import { evidenceRoutes } from "./evidence";
import { exportRoutes } from "./export";
import { batchDeleteSchema, listQuerySchema, retrySchema, taskIdParam } from "./params";

/** Why a running task past its publishing tap is not deleted. */
const PUBLISHING = "is publishing: its post may be out, so it runs to its end to show what happened; delete it once it has ended";

const queuesOf = (c: Context<AppEnv>) => objectQueues(c.env, c.get("db"));
const lifecycleOf = (c: Context<AppEnv>) => new TaskLifecycle(c.get("db"), c.get("workspace").id, queuesOf(c));

/**
 * The task API of TikMatrix's page. Fixed paths are registered before `/:task_id`, and the
 * id only matches digits, so `/task/stats`, `/task/export`, `/task/batch` and `/task/retry-all` are never
 * read as task ids.
 */
export const taskRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { value: body, text } = await readJsonWithText(c, z.record(z.string(), z.unknown()));
    const request = parseCreateRequest(body);
    const idempotency = await readIdempotencyKey(c.req.header("idempotency-key"), text);
    const created = await createTasks(c.get("db"), c.get("workspace"), request, idempotency, c.env.TASK_SECRETS_KEY, "api");
    await queuesOf(c).enqueue(c.get("workspace").id, created.tasks);
    return success(c, created.answer);
  })
  .get("/", async (c) => {
    const q = readQuery(c, listQuerySchema);
    if (q.cursor !== undefined && q.page !== 1) throw invalid(`cursor and page cannot be combined: a cursor says where its page starts, so leave page out (got page=${q.page})`);
    const filters = { status: q.status as TaskStatus | undefined, serial: q.serial, scriptName: q.script_name, source: q.source };
    const start = q.cursor === undefined ? { offset: offsetOf(q.page, q.page_size) } : { belowId: q.cursor };
    const { rows, total, more } = await listTasks(c.get("db"), c.get("workspace").id, filters, q.page_size, start);
    const tz = c.get("workspace").timezone;
    const answer = { tasks: rows.map((t) => presentTask(t, tz)), total, page: q.page, page_size: q.page_size };
    // TikMatrix's page/page_size answer keeps its exact shape; next_cursor comes with a cursor only.
    if (q.cursor === undefined) return success(c, answer);
    const last = rows.at(-1);
    return success(c, { ...answer, next_cursor: more && last !== undefined ? encodeCursor(last.id) : null });
  })
  .get("/stats", async (c) => success(c, await taskStats(c.get("db"), c.get("workspace").id)))
  .route("/", exportRoutes)
  .post("/retry-all", async (c) => {
    const { retried, skipped } = await lifecycleOf(c).retryAll();
    return success(c, { retried_count: retried.length, task_ids: retried, skipped });
  })
  .delete("/batch", async (c) => {
    const { task_ids } = await readJson(c, batchDeleteSchema);
    const { deleted, publishing } = await lifecycleOf(c).delete(task_ids);
    const kept = new Set([...deleted, ...publishing]);
    const notFound = [...new Set(task_ids)].filter((id) => !kept.has(id));
    const skipped = publishing.map((task_id) => ({ task_id, reason: PUBLISHING }));
    return success(c, { deleted_count: deleted.length, task_ids: deleted, not_found: notFound, skipped });
  })
  .get("/:task_id{[0-9]+}", async (c) => {
    const task = await getTask(c.get("db"), c.get("workspace").id, taskIdParam(c.req.param("task_id")));
    return success(c, presentTask(task, c.get("workspace").timezone));
  })
  .delete("/:task_id{[0-9]+}", async (c) => {
    const id = taskIdParam(c.req.param("task_id"));
    await getTask(c.get("db"), c.get("workspace").id, id);
    const { deleted, publishing } = await lifecycleOf(c).delete([id]);
    if (publishing.length > 0) throw conflict(`task ${id} ${PUBLISHING}`);
    return success(c, { deleted_count: deleted.length, task_ids: deleted });
  })
  .post("/:task_id{[0-9]+}/stop", async (c) => {
    const task = await lifecycleOf(c).stop(taskIdParam(c.req.param("task_id")));
    return success(c, presentTask(task, c.get("workspace").timezone));
  })
  .post("/:task_id{[0-9]+}/retry", async (c) => {
    const id = taskIdParam(c.req.param("task_id"));
    const { force } = await readOptionalJson(c, retrySchema);
    const task = await lifecycleOf(c).retry(id, force);
    return success(c, presentTask(task, c.get("workspace").timezone));
  })
  .route("/", evidenceRoutes);
