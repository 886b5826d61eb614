import { type TaskSource, TaskStatus } from "../../../shared/task-status";
import type { BatchItem } from "drizzle-orm/batch";
import { chunkInsertRows } from "../../db/chunk";
import type { Db } from "../../db/client";
import { devices, type NewTask, tasks, type Workspace } from "../../db/schema";
import { invalid } from "../../http/api-error";
import { resolveStartTime } from "../start-time";
import { type CreateAnswer, type IdempotencyClaim, isDuplicateKeyError, previousAnswer, recordAnswerStatements } from "./idempotency";
import type { CreateRequest } from "./request";
import { refuseUnknownMaterials } from "./library-materials";
import { staggeredStart } from "./schedule";
import { resolveTargets, type Target } from "./targets";
import { sealConfigs } from "../secrets/seal-configs";

export type { CreateAnswer } from "./idempotency";

export interface Created {
  answer: CreateAnswer;
  /** The new tasks, for the device queues; empty when an earlier answer was replayed. */
  tasks: { id: number; serial: string; scheduledAt: number }[];
}

/**
 * Makes a create's tasks: all of them or none. Every row (unknown phones' device rows,
 * the tasks, the idempotency record) goes into one D1 batch, which D1 runs as one
 * transaction; inserts are split so no statement binds more than D1's 100 parameters.
 */
export async function createTasks(
  db: Db,
  workspace: Workspace,
  request: CreateRequest,
  idempotency: IdempotencyClaim | undefined,
  /** The deployment's TASK_SECRETS_KEY: needed only by a config with secrets. */
  secretsKey: string | undefined,
  /** Who asked: a client of the API, or the dashboard's pages (TikMatrix's "ui"). */
  source: TaskSource,
  now = Date.now(),
): Promise<Created> {
  if (idempotency) {
    const earlier = await previousAnswer(db, workspace.id, idempotency, now);
    if (earlier) return { answer: earlier, tasks: [] };
  }
  const targets = await resolveTargets(db, workspace, request.targets, request.scriptConfigs.length);
  refuseWhatPlatformsCannot(request, targets);
  await refuseUnknownMaterials(db, workspace.id, request.library);
  const base = resolveStartTime(request.startTime, now, workspace.timezone);
  const requestId = crypto.randomUUID();
  const configs = await sealConfigs(request.scriptConfigs, request.secretPaths, secretsKey, workspace.id);

  // Target by target, each on every phone: the tasks of one target (a user, a post) come together,
  // and the create's index (a sequential comment's turn) differs between the phones of one target.
  const pairs = configs.flatMap(({ config, secrets }) => targets.map((target) => ({ config, secrets, target })));
  const rows: NewTask[] = pairs.map(({ config, secrets, target }, index) => ({
    workspaceId: workspace.id,
    serial: target.serial,
    username: target.username,
    accountId: target.accountId,
    platform: target.platform,
    packageName: target.packageName,
    scriptName: request.scriptName,
    scriptConfig: config,
    secrets,
    status: TaskStatus.Pending,
    source,
    scheduledAt: staggeredStart(base, request.minIntervalMinutes, request.maxIntervalMinutes),
    createdAt: now,
    updatedAt: now,
    requestId,
    requestIndex: index,
  }));
  const deviceRows = [...new Set(targets.map((t) => t.serial))].map((serial) => ({
    workspaceId: workspace.id,
    serial,
    createdAt: now,
  }));

  const deviceInserts = chunkInsertRows(db, devices, deviceRows).map((group) =>
    db.insert(devices).values(group).onConflictDoNothing(),
  );
  const taskInserts = chunkInsertRows(db, tasks, rows).map((group) =>
    db.insert(tasks).values(group).returning({ id: tasks.id, serial: tasks.serial, scheduledAt: tasks.scheduledAt }),
  );
  const statements: BatchItem<"sqlite">[] = [
    ...deviceInserts,
    ...taskInserts,
    ...(idempotency ? recordAnswerStatements(db, workspace.id, idempotency, requestId, now) : []),
  ];
  const [first, ...rest] = statements;
  if (first === undefined) return { answer: { task_ids: [], created_count: 0 }, tasks: [] };

  let results: unknown[];
  try {
    results = await db.batch([first, ...rest]);
  } catch (error) {
    if (idempotency && isDuplicateKeyError(error)) {
      const earlier = await previousAnswer(db, workspace.id, idempotency, now);
      if (earlier) return { answer: earlier, tasks: [] };
    }
    throw error;
  }
  const created = results
    .slice(deviceInserts.length, deviceInserts.length + taskInserts.length)
    .flat() as Created["tasks"];
  const ids = created.map((t) => t.id);
  return { answer: { task_ids: ids, created_count: ids.length }, tasks: created };
}

/**
 * A config the task's platform cannot honour (a TikTok sound on Instagram) is refused for the
 * whole create, naming the field, why, and which task is on that platform.
 */
function refuseWhatPlatformsCannot(request: CreateRequest, targets: readonly Target[]): void {
  for (const target of targets) {
    const problem = request.platformProblem(target.platform);
    if (problem === undefined) continue;
    const whose = target.username === null ? `phone ${target.serial} posts to the workspace's default platform, ${target.platform}` : `account @${target.username} is on ${target.platform}`;
    throw invalid(`script_config.${problem} (${whose})`);
  }
}
