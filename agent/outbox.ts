import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type LogMessage, logMessage, type ResultMessage, resultMessage } from "../shared/protocol/messages";
import { validate } from "../shared/validation";
import { syncDir, TEMP_PREFIX, writeFileAtomic } from "./atomic-file";

export type OutboxEntry = LogMessage | ResultMessage;

const entrySchema = z.discriminatedUnion("type", [logMessage, resultMessage]);

/** Where the outbox says what it skipped; the agent's logger. */
export interface OutboxLog {
  warn(message: string): void;
}

/**
 * What a phone's agent has to tell the server and the server has not yet confirmed: the
 * results and log lines of its runs, one file per message under
 * `<state>/outbox/<phone>/`, each written atomically (atomic-file.ts), so a crash leaves
 * either the whole message or nothing. A result goes when its `result_ack` comes. Log
 * lines are never acked one by one (the object stores them idempotently by task,
 * attempt and seq), so they go with their attempt's result: by then every line sent
 * before the result has been stored, as the socket delivers frames in order.
 */
export class Outbox {
  private constructor(
    private readonly dir: string,
    private readonly log: OutboxLog,
  ) {}

  static async open(stateDir: string, serial: string, log: OutboxLog): Promise<Outbox> {
    // Serials of network phones hold ':' (host:port), which some file systems refuse.
    const dir = join(stateDir, "outbox", Buffer.from(serial, "utf8").toString("base64url"));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new Outbox(dir, log);
  }

  async put(entry: OutboxEntry): Promise<void> {
    await writeFileAtomic(join(this.dir, fileName(entry)), `${JSON.stringify(entry)}\n`);
  }

  /**
   * Every entry on disk, in the order to send them: by task and attempt, the log lines
   * by seq and then the result. Temporary files are skipped: a fresh one is a write in
   * progress (in this process or another reading the same outbox), and one older than a
   * minute was left by a crash mid-write and is removed. An entry that does not parse
   * cannot be sent and is removed with a warning.
   */
  async pending(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for (const name of await readdir(this.dir)) {
      const path = join(this.dir, name);
      if (name.startsWith(TEMP_PREFIX)) {
        await removeIfStale(path);
        continue;
      }
      const entry = await this.read(path);
      if (entry !== null) entries.push(entry);
    }
    return entries.sort(sendOrder);
  }

  /** The server stored the result of this attempt: forget it and the attempt's log lines. */
  async acked(taskId: number, attemptId: string): Promise<void> {
    const prefix = attemptPrefix(taskId, attemptId);
    const names = (await readdir(this.dir)).filter((name) => name.startsWith(prefix));
    // The result last: if this is cut short, the lines left are sent again with the
    // result (idempotent), never stranded without one.
    names.sort((a, b) => Number(a.endsWith(RESULT_SUFFIX)) - Number(b.endsWith(RESULT_SUFFIX)));
    for (const name of names) await rm(join(this.dir, name), { force: true });
    if (names.length > 0) await syncDir(this.dir);
  }

  private async read(path: string): Promise<OutboxEntry | null> {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      // Acked and removed since the directory was listed: nothing to send.
      if (isNotFound(error)) return null;
      this.log.warn(`outbox: dropping ${path}, which is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      await rm(path, { force: true });
      return null;
    }
    const parsed = validate(entrySchema, json);
    if (!parsed.ok) {
      this.log.warn(`outbox: dropping ${path}, which is not a result or log message: ${parsed.message}`);
      await rm(path, { force: true });
      return null;
    }
    return parsed.value;
  }
}

const RESULT_SUFFIX = ".result.json";

/** A temporary file this old cannot belong to a write still in progress. */
const STALE_TEMP_MS = 60_000;

async function removeIfStale(path: string): Promise<void> {
  try {
    if (Date.now() - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

function attemptPrefix(taskId: number, attemptId: string): string {
  return `${taskId}.${Buffer.from(attemptId, "utf8").toString("base64url")}.`;
}

function fileName(entry: OutboxEntry): string {
  const prefix = attemptPrefix(entry.task_id, entry.attempt_id);
  return entry.type === "result" ? `${prefix}${RESULT_SUFFIX.slice(1)}` : `${prefix}log.${String(entry.seq).padStart(6, "0")}.json`;
}

function sendOrder(a: OutboxEntry, b: OutboxEntry): number {
  if (a.task_id !== b.task_id) return a.task_id - b.task_id;
  if (a.attempt_id !== b.attempt_id) return a.attempt_id < b.attempt_id ? -1 : 1;
  if (a.type !== b.type) return a.type === "log" ? -1 : 1;
  return a.type === "log" && b.type === "log" ? a.seq - b.seq : 0;
}
