import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface RotatingLogOptions {
  /** The file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** Rotated files kept besides the current one: agent.log.1 (newest) … agent.log.<keep>. */
  keep?: number;
}

/**
 * `<dir>/agent.log`, rotated at 10 MB with 5 old files kept: a studio PC runs the agent for
 * months, and someone reading why a phone went quiet last night needs the lines after the
 * terminal window is gone, without the disk filling up.
 *
 * Writes are synchronous: a line logged just before a crash is on disk, lines stay in order,
 * and the agent writes a few lines a second at most. A file that cannot be written (disk
 * full, permissions) is reported once on stderr and then left alone: logging must never stop
 * the phones.
 */
export class RotatingLogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number | undefined;
  private size = 0;
  private failed = false;

  constructor(
    readonly dir: string,
    options: RotatingLogOptions = {},
    readonly name = "agent.log",
  ) {
    this.path = join(dir, name);
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.keep = options.keep ?? 5;
    this.guard(() => {
      mkdirSync(dir, { recursive: true });
      this.openFile();
    });
  }

  write(line: string): void {
    if (this.failed) return;
    const bytes = Buffer.from(line, "utf8");
    this.guard(() => {
      // A line is never split across files; an empty file takes any line, however long.
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      if (this.fd === undefined) return;
      writeSync(this.fd, bytes);
      this.size += bytes.length;
    });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private openFile(): void {
    this.fd = openSync(this.path, "a");
    this.size = fstatSync(this.fd).size;
  }

  /** agent.log → agent.log.1 → … → agent.log.<keep>, the oldest dropped. Closed first: Windows cannot rename an open file. */
  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) renameIfThere(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    if (this.keep > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.openFile();
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.failed = true;
      try {
        this.close();
      } catch {
        // already reported below; the descriptor is gone either way
      }
      process.stderr.write(`agent: the log file ${this.path} cannot be written, logging to stderr only: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
}
