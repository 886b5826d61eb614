import type { Task } from "../db/schema";
import { formatCompat, formatIso } from "../time/zoned";

/** A task as the API shows it: TikMatrix's fields, its compat time strings and ISO times. */
export function presentTask(task: Task, timeZone: string) {
  return {
    id: task.id,
    serial: task.serial,
    username: task.username,
    platform: task.platform,
    script_name: task.scriptName,
    script_config: JSON.parse(task.scriptConfig) as Record<string, unknown>,
    status: task.status,
    source: task.source,
    start_time: formatCompat(task.startedAt ?? task.scheduledAt, timeZone),
    end_time: task.finishedAt === null ? null : formatCompat(task.finishedAt, timeZone),
    scheduled_at: formatIso(task.scheduledAt),
    started_at: formatIso(task.startedAt),
    finished_at: formatIso(task.finishedAt),
    created_at: formatIso(task.createdAt),
    remark: task.remark,
    fail_code: task.failCode,
    retry_count: task.retryCount,
    /** The post may be out (the run passed its publishing tap); such a task is not retried but by force. */
    posted: task.posted,
    post_url: task.postUrl,
  };
}

export type ApiTask = ReturnType<typeof presentTask>;
