import { execFile } from "node:child_process";
import { UserError } from "../lib/errors";

export interface AdbRun {
  stdout: string;
  stderr: string;
  /** The exit code; -1 when adb could not be run or hit the deadline. */
  code: number;
}

/** `adb start-server` takes about 1 s; a server that has not answered in 20 s will not. */
const START_DEADLINE_MS = 20_000;
/** A connect to a port that never answers blocks about 10 s inside adb. */
const RUN_DEADLINE_MS = 15_000;

/**
 * An adb server on one port, driven with the adb CLI (`adb -P <port> …`). Every call is
 * asynchronous: the simulated phones live in this process, and a synchronous call would
 * block the event loop they answer the server from, so the server would wait forever.
 */
export class AdbServer {
  constructor(
    readonly bin: string,
    readonly port: number,
  ) {}

  run(args: readonly string[], timeoutMs = RUN_DEADLINE_MS): Promise<AdbRun> {
    return new Promise((resolve) => {
      execFile(this.bin, ["-P", String(this.port), ...args], { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ stdout, stderr: error !== null && stderr === "" ? error.message : stderr, code });
      });
    });
  }

  /** Starts the server (the adb daemon leaves our process tree: kill() is how it ends). */
  async start(): Promise<void> {
    const run = await this.run(["start-server"], START_DEADLINE_MS);
    if (run.code !== 0) throw new UserError(`could not start an adb server on port ${this.port}: ${(run.stderr || run.stdout).trim()}`);
  }

  async kill(): Promise<void> {
    await this.run(["kill-server"], 10_000);
  }
}
