import { createHash, randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AdbkitDriver } from "../../agent/adb";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { median } from "./stats";
import { startPhoneRack } from "./phone-rack";

/** A short video's size; MB here are 2^20 bytes, as adb reports them. */
export const PUSH_BYTES = 50 * 2 ** 20;
const MB = 2 ** 20;
/** Odd, so the median is a round's own figure; one round swings 0.7 to 1.6 on a shared 2-core machine, so 5 were too few to read a ratio near 1. */
const ROUNDS = 9;
const WARMUPS = 1;
const DRIVER_PATH = "/sdcard/DCIM/Camera/bench-a.mp4";
const CLI_PATH = "/sdcard/DCIM/Camera/bench-b.mp4";
/** Loopback pushes of 50 MB take well under a second; a minute means something is stuck. */
const CLI_TIMEOUT_MS = 60_000;

export interface PushRound {
  /** Which push went first this round (the order alternates). */
  first: "driver" | "cli";
  driverMBps: number;
  cliMBps: number;
  /** The rate adb itself printed ("… MB/s (N bytes in T s)"): the transfer without the CLI's start. */
  cliReportedMBps: number | null;
}

export interface PushFigure {
  bytes: number;
  rounds: PushRound[];
  driverMedianMBps: number;
  cliMedianMBps: number;
  cliReportedMedianMBps: number | null;
  /** The driver's median over the CLI's: above 1, the agent's driver pushes faster. */
  ratio: number;
  /** Each round's driver / CLI, lowest and highest. */
  roundRatioRange: { min: number; max: number };
}

/**
 * Section 6: one 50 MB random file pushed to one fake phone (a private adb server on
 * 127.0.0.1) both ways, in the same run: (a) the agent's own AdbkitDriver.push, as a
 * script pushes a video; (b) `adb -P PORT -s SERIAL push`, the CLI, run asynchronously.
 * Each round does both, the order alternating; every push is checked on the phone (its
 * size and SHA-256) and removed there afterwards (the fake phone keeps files in memory).
 *
 * The phone runs in a child process of its own (phone-rack.ts), not in this one:
 * in this process it shared the driver's event loop, so during (a) the one thread ran
 * both the driver's sending and the phone's receiving, while during (b) the CLI was a
 * process of its own and this thread only served the phone. That favoured the CLI: with
 * the phone out, this process holds only the driver under test, and both ways push to the
 * same phone process.
 */
export async function measurePushRatio(cleanup: Cleanup, signal: AbortSignal, progress: (line: string) => void): Promise<PushFigure> {
  const { dir, release: removeTempDir } = await cleanup.tempDir("bench-push");
  try {
    const content = randomBytes(PUSH_BYTES);
    const localPath = join(dir, "bench.mp4");
    await writeFile(localPath, content);
    const sent = { size: content.length, sha256: createHash("sha256").update(content).digest("hex") };
    const rack = await startPhoneRack(1, cleanup, signal);
    try {
      const [serial] = rack.serials;
      if (serial === undefined) throw new BenchFailure("the fake phone did not start");
      const driver = new AdbkitDriver(rack.client, serial);
      /**
       * The push is on the phone, whole and exact (the same size and SHA-256 as the file pushed);
       * the phone process removes it as it answers, so the next one starts clean. Timed apart
       * from the push.
       */
      const landed = async (path: string, how: string): Promise<void> => {
        const file = await rack.take(serial, path);
        if (file === null) throw new BenchFailure(`${how}: ${path} is not on the phone after the push`);
        if (file.size !== sent.size) throw new BenchFailure(`${how}: ${path} has ${file.size} bytes on the phone, not ${sent.size}`);
        if (file.sha256 !== sent.sha256) throw new BenchFailure(`${how}: ${path} on the phone differs from the file pushed (SHA-256 ${file.sha256}, not ${sent.sha256})`);
      };
      const viaDriver = async (): Promise<number> => {
        const started = performance.now();
        await driver.push(localPath, DRIVER_PATH);
        const seconds = (performance.now() - started) / 1000;
        await landed(DRIVER_PATH, "AdbkitDriver.push");
        return PUSH_BYTES / MB / seconds;
      };
      const viaCli = async (): Promise<{ mbps: number; reported: number | null }> => {
        const started = performance.now();
        const pushed = await rack.adb.run(["-s", serial, "push", localPath, CLI_PATH], CLI_TIMEOUT_MS);
        const seconds = (performance.now() - started) / 1000;
        if (pushed.exitCode !== 0) throw new BenchFailure(`adb push failed (exit ${pushed.exitCode}): ${(pushed.stderr || pushed.stdout).trim()}`);
        await landed(CLI_PATH, "adb push");
        return { mbps: PUSH_BYTES / MB / seconds, reported: reportedRate(pushed.stdout) };
      };

      progress(`${WARMUPS} unmeasured push each way, then ${ROUNDS} rounds of a ${PUSH_BYTES / MB} MB file to ${serial} (a fake phone in a process of its own)`);
      for (let i = 0; i < WARMUPS; i++) {
        signal.throwIfAborted();
        await viaDriver();
        await viaCli();
      }
      const rounds: PushRound[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        signal.throwIfAborted();
        const first = i % 2 === 0 ? "driver" : "cli";
        const driverFirst = first === "driver" ? await viaDriver() : undefined;
        const cli = await viaCli();
        const driverMBps = driverFirst ?? (await viaDriver());
        rounds.push({ first, driverMBps, cliMBps: cli.mbps, cliReportedMBps: cli.reported });
        progress(`round ${i + 1}: driver ${driverMBps.toFixed(1)} MB/s, adb push ${cli.mbps.toFixed(1)} MB/s, ratio ${(driverMBps / cli.mbps).toFixed(2)}`);
      }
      return figureOf(rounds);
    } finally {
      await rack.stop();
    }
  } finally {
    await removeTempDir();
  }
}

/** adb 29 prints "FILE: 1 file pushed. 95.3 MB/s (52428800 bytes in 0.525s)". */
function reportedRate(stdout: string): number | null {
  const match = /\((\d+) bytes in ([\d.]+)s\)/.exec(stdout);
  if (match === null) return null;
  const seconds = Number(match[2]);
  return seconds > 0 ? Number(match[1]) / MB / seconds : null;
}

function figureOf(rounds: readonly PushRound[]): PushFigure {
  const driverMedianMBps = median(rounds.map((r) => r.driverMBps));
  const cliMedianMBps = median(rounds.map((r) => r.cliMBps));
  const reported = rounds.flatMap((r) => (r.cliReportedMBps === null ? [] : [r.cliReportedMBps]));
  const ratios = rounds.map((r) => r.driverMBps / r.cliMBps);
  return {
    bytes: PUSH_BYTES,
    rounds: [...rounds],
    driverMedianMBps,
    cliMedianMBps,
    cliReportedMedianMBps: reported.length === 0 ? null : median(reported),
    ratio: driverMedianMBps / cliMedianMBps,
    roundRatioRange: { min: Math.min(...ratios), max: Math.max(...ratios) },
  };
}
