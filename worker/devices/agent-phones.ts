import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AgentPhonesAnswer } from "../../shared/agent-phones";
import { TaskStatus } from "../../shared/task-status";
import type { Db } from "../db/client";
import { devices, tasks } from "../db/schema";
import { agentIdSchema, MAX_LISTED_PHONES } from "./adb-states";
import { readinessJson } from "./device-view";
import { lastSeen } from "./presence";

/** `GET /api/v1/agent/phones?agent_id=…`: whose phones. */
export const agentPhonesQuery = z.object({ agent_id: agentIdSchema });

/**
 * The most phones one answer holds: a PC lists at most MAX_LISTED_PHONES at once, and the
 * phones it listed before and no more (gone) are shown after them, so what is cut is old.
 */
export const MAX_AGENT_PHONES = 2 * MAX_LISTED_PHONES;

/**
 * The phones of one agent, as the server sees them, for `tikmatrix-agent status`: presence by
 * the same rule as GET /devices, and the task each one runs with its step (a running task's
 * remark is its progress, as the dashboard's phone cards show it). One query.
 *
 * Narrowed by `agent_id`, the id the PC gives itself, not by the agent token: no column records
 * the credential that linked or reported a phone, and none should decide this, since one token
 * commonly serves every PC of a studio (npm start, `admin create-agent-token`) and a PC that is
 * paired again keeps its id and its phones. `devices.agent_id` is what both the hello and
 * PUT /agent/phones write, so it names the PC that last drove or listed each phone. The id is the
 * caller's word, so this filter is for display only: the access boundary is the workspace, whose
 * agent token may already link any of its phones.
 */
export async function agentPhones(db: Db, workspaceId: string, agentId: string, now: number): Promise<AgentPhonesAnswer> {
  const rows = await db
    .select({
      serial: devices.serial,
      adbState: devices.adbState,
      model: devices.model,
      androidVersion: devices.androidVersion,
      connected: devices.connected,
      lastSeenAt: devices.lastSeenAt,
      notReadyReason: devices.notReadyReason,
      taskId: tasks.id,
      script: tasks.scriptName,
      step: tasks.remark,
    })
    .from(devices)
    // Bound to the workspace on both sides, and to a task still running: a pointer a lost clear
    // left behind must not show a finished task, whose remark is its final word, not a step.
    .leftJoin(tasks, and(eq(tasks.id, devices.currentTaskId), eq(tasks.workspaceId, devices.workspaceId), eq(tasks.status, TaskStatus.Running)))
    .where(and(eq(devices.workspaceId, workspaceId), eq(devices.agentId, agentId)))
    .orderBy(sql`${devices.adbState} is 'gone'`, devices.serial)
    .limit(MAX_AGENT_PHONES + 1)
    .all();
  return {
    agent_id: agentId,
    phones: rows.slice(0, MAX_AGENT_PHONES).map((row) => {
      const seen = lastSeen(row.connected, row.lastSeenAt, now);
      return {
        serial: row.serial,
        adb_state: row.adbState,
        ...readinessJson(row),
        last_seen: seen === null ? null : new Date(seen).toISOString(),
        model: row.model,
        android_version: row.androidVersion,
        current_task: row.taskId === null || row.script === null ? null : { id: row.taskId, script_name: row.script, step: row.step || null },
      };
    }),
    truncated: rows.length > MAX_AGENT_PHONES,
  };
}
