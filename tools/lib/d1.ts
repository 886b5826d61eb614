import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { UserError } from "./errors";
import type { CapturedRun } from "./run-captured";
import type { Sql } from "./sql";
import { LOCAL_DEADLINE_MS, outputTail, REMOTE_DEADLINE_MS, runWrangler } from "./wrangler";

/** Which D1 a command acts on: the deployed one, or a local one under a state directory. */
export type D1Target = { remote: true } | { remote: false; persistTo?: string };

export type Row = Record<string, unknown>;

/** The directory's binding name in wrangler.toml; wrangler accepts it in place of the database name. */
export const DATABASE = "DB";

/**
 * Past this length the SQL goes through a temporary file: a single argv entry is limited
 * (128 KiB on Linux). Locally --file and --command print the same JSON; remotely --file
 * is an import with a different output, so long remote SQL is refused instead.
 */
const MAX_COMMAND_LENGTH = 64 * 1024;

/** Tries of a batch that met a locked database (or a transient local error), and the pause before the next (times n). */
const BUSY_ATTEMPTS = 4;
const BUSY_BACKOFF_MS = 300;

// What `wrangler d1 execute --json` prints (wrangler 4.86, measured): on success an
// array with one entry per statement; on failure, exit code 1 and an error object.
const statementResult = z.object({ results: z.array(z.record(z.string(), z.unknown())), success: z.boolean() });
const successOutput = z.array(statementResult);
const errorOutput = z.object({ error: z.object({ text: z.string() }) });

export class D1Error extends UserError {
  constructor(
    message: string,
    /** SQLite's own text, e.g. "UNIQUE constraint failed: workspaces.name: SQLITE_CONSTRAINT". */
    readonly sqliteText: string,
  ) {
    super(message);
  }
}

export function targetFlags(target: D1Target): string[] {
  if (target.remote) return ["--remote"];
  return target.persistTo === undefined ? ["--local"] : ["--local", "--persist-to", target.persistTo];
}

export function describeTarget(target: D1Target): string {
  if (target.remote) return "the remote (deployed) D1 database";
  return `the local D1 database in ${target.persistTo ?? ".wrangler/state"}`;
}

/**
 * Runs one statement or a batch and returns each statement's rows, in order. Statements
 * of one call run in one transaction (measured locally: if one fails, none take effect),
 * so a "database is locked" answer (another process, e.g. wrangler dev, was writing)
 * changed nothing and is retried a few times.
 */
export async function d1Execute(target: D1Target, statements: Sql, database: string = DATABASE): Promise<Row[][]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await executeOnce(target, statements, database);
    } catch (error) {
      if (!isTransient(error, target) || attempt >= BUSY_ATTEMPTS) throw error;
      await sleep(BUSY_BACKOFF_MS * attempt);
    }
  }
}

/**
 * Worth another try: a locked database, or locally Miniflare's "internal error; reference = …"
 * (seen once in CI on a loaded machine, on the first statement after the migrations; our guess
 * is the file still held by the workerd that applied them). Its stack is in the D1 object's
 * queryExecute, which runs the batch in one transaction, so nothing was applied. Also locally
 * "The Workers runtime failed to start" (seen once in CI, a clean clone on a loaded machine):
 * no runtime, so no statement ran.
 */
function isTransient(error: unknown, target: D1Target): boolean {
  if (!(error instanceof D1Error)) return false;
  if (error.sqliteText.includes("SQLITE_BUSY")) return true;
  return !target.remote && /internal error; reference = |The Workers runtime failed to start/.test(error.sqliteText);
}

async function executeOnce(target: D1Target, statements: Sql, database: string): Promise<Row[][]> {
  const timeoutMs = target.remote ? REMOTE_DEADLINE_MS : LOCAL_DEADLINE_MS;
  const base = ["d1", "execute", database, ...targetFlags(target), "--json"];
  let run: CapturedRun;
  if (statements.text.length <= MAX_COMMAND_LENGTH) {
    run = await runWrangler([...base, "--command", statements.text], { timeoutMs });
  } else {
    if (target.remote) throw new UserError("SQL too long for a remote --command; split it into smaller batches");
    const dir = await mkdtemp(join(tmpdir(), "tikmatrix-sql-"));
    try {
      const file = join(dir, "batch.sql");
      await writeFile(file, statements.text, "utf8");
      run = await runWrangler([...base, "--file", file], { timeoutMs });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (run.timedOut) throw new UserError(`wrangler d1 execute did not finish within ${timeoutMs / 1000} s`);
  const parsed = parseJson(run.stdout);
  if (run.code === 0) {
    const ok = successOutput.safeParse(parsed);
    if (ok.success) return ok.data.map((statement) => statement.results);
  }
  const failed = errorOutput.safeParse(parsed);
  if (failed.success) {
    throw new D1Error(`wrangler d1 execute failed on ${describeTarget(target)}: ${failed.data.error.text}`, failed.data.error.text);
  }
  throw new UserError(`wrangler d1 execute failed (exit ${String(run.code)}):\n${outputTail(run)}`);
}

/** The rows of a batch's statement `index`, which must exist (a programming error if not). */
export function rowsOf(results: Row[][], index: number): Row[] {
  const rows = results[index];
  if (rows === undefined) throw new Error(`D1 returned ${results.length} result sets, expected more than ${index}`);
  return rows;
}

function parseJson(text: string): unknown {
  try {
    // Error output starts with an empty line; JSON.parse would not mind, but be explicit.
    return JSON.parse(text.trim()) as unknown;
  } catch {
    return undefined;
  }
}
