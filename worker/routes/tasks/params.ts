import { z } from "zod";
import { TASK_SOURCES } from "../../../shared/task-status";
import { invalid } from "../../http/api-error";
import { pageQuery, queryInt } from "../../http/query";
import { serialSchema } from "../../devices/serial";
import { cursorQuery } from "../../tasks/list-cursor";

const MAX_TASK_ID = Number.MAX_SAFE_INTEGER;

export const taskIdSchema = z.number().int().min(1).max(MAX_TASK_ID);

/** The `{task_id}` of a path: a positive integer, or 40001 naming it. */
export function taskIdParam(raw: string): number {
  const id = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw invalid(`task_id must be a positive integer, got ${JSON.stringify(raw)}`);
  return id;
}

export const listQuerySchema = z.object({
  status: queryInt(0, 3).optional(),
  serial: serialSchema.optional(),
  script_name: z.string().min(1).max(64).optional(),
  source: z.enum(TASK_SOURCES).optional(),
  cursor: cursorQuery.optional(),
  ...pageQuery,
});

export const batchDeleteSchema = z.strictObject({
  task_ids: z.array(taskIdSchema).min(1).max(1000),
});

/** `POST /task/{id}/retry`: `force` runs again a task whose post may already be out. */
export const retrySchema = z.strictObject({ force: z.boolean().default(false) });
