import { randomUUID } from "node:crypto";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Client } from "@devicefarmer/adbkit";
import { withDeadline } from "./deadline";
import { AdbError, toAdbError } from "./errors";
import { readAdbFeatures } from "./features";
import type { ActivityStart, PhoneDriver, ScreenSize, ShellOutput } from "./phone-driver";
import { activityStartOf, inputTextWord, parseWmDensity, parseWmSize, type ShellLine, shellLine } from "./shell-text";
import { parseExitMarker, withExitMarker } from "./shell-v1";
import { decodeShellV2, type RawShellResult, shellV2Request } from "./shell-v2";
import { pushOverSync } from "./sync-push";

type DeviceClient = ReturnType<Client["getDevice"]>;
type Connection = Awaited<ReturnType<DeviceClient["transport"]>>;
type PushTransfer = Awaited<ReturnType<DeviceClient["push"]>>;

export interface AdbkitDriverOptions {
  /** Deadline of one command; a UI dump on a busy phone takes a few seconds. */
  timeoutMs?: number;
  /** Deadline of one push: videos are tens of MB and USB 2 phones take ~37 MB/s. */
  pushTimeoutMs?: number;
  /** Skip feature detection (tests, or a phone known to lack shell_v2). */
  shellV2?: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PhoneDriver over adbkit and the adb server: one instance per phone. */
export class AdbkitDriver implements PhoneDriver {
  private readonly client: Client;
  private readonly device: DeviceClient;
  private readonly timeoutMs: number;
  private readonly pushTimeoutMs: number;
  private shellV2: Promise<boolean> | undefined;

  constructor(
    client: Client,
    readonly serial: string,
    options: AdbkitDriverOptions = {},
  ) {
    this.client = client;
    this.device = client.getDevice(serial);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.pushTimeoutMs = options.pushTimeoutMs ?? 300_000;
    if (options.shellV2 !== undefined) this.shellV2 = Promise.resolve(options.shellV2);
  }

  async shell(command: ShellLine): Promise<ShellOutput> {
    const result = await this.exec(command);
    return { stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8"), exitCode: result.exitCode };
  }

  async push(source: string | Buffer | Readable, remotePath: string): Promise<void> {
    if (typeof source === "string") return this.pushFile(source, remotePath);
    // A byte stream, not an object stream: adbkit cuts DATA chunks with read(64 KiB), which an
    // object-mode stream ignores, and adbd rejects chunks over 64 KiB.
    const contents = Buffer.isBuffer(source) ? Readable.from([source], { objectMode: false }) : source;
    let transfer: PushTransfer | undefined;
    const run = async (): Promise<void> => {
      const started = await this.device.push(contents, remotePath);
      transfer = started;
      await new Promise<void>((resolve, reject) => {
        started.on("end", resolve);
        started.on("error", reject);
      });
    };
    await this.call(`push ${remotePath}`, run(), () => transfer?.cancel(), this.pushTimeoutMs);
  }

  /** A file by path: its own sync framing from reused buffers (sync-push.ts), not adbkit's createReadStream. */
  private async pushFile(localPath: string, remotePath: string): Promise<void> {
    const abort = new AbortController();
    let connection: Connection | undefined;
    const run = async (): Promise<void> => {
      // Opened before the phone is asked, so a missing file fails without a transport.
      const file = await open(localPath, "r");
      try {
        abort.signal.throwIfAborted();
        connection = await this.device.transport();
        // Failures come back through the writes and the parser; but a socket error while
        // neither listens is re-emitted on the connection, and unheard it would end the process.
        connection.on("error", () => undefined);
        abort.signal.throwIfAborted();
        await pushOverSync(connection, file, localPath, remotePath, abort.signal);
      } finally {
        await file.close();
      }
    };
    const finished = run().then(
      () => void connection?.end(),
      (error: unknown) => {
        // Closed without DONE: adbd removes the partial file.
        connection?.socket.destroy();
        throw error;
      },
    );
    const cancel = (): void => {
      abort.abort(new Error("push cancelled at its deadline"));
      connection?.socket.destroy();
    };
    await this.call(`push ${remotePath}`, finished, cancel, this.pushTimeoutMs);
  }

  async screencap(): Promise<Buffer> {
    let stream: NodeJS.ReadableStream | undefined;
    const run = async (): Promise<Buffer> => {
      stream = await this.device.screencap();
      return readAll(stream);
    };
    const png = await this.call("screencap", run(), () => destroy(stream));
    if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new AdbError("screencap", `the phone did not return a PNG (${png.length} bytes)`);
    return png;
  }

  async uiDump(): Promise<string> {
    // A fresh path each time: a dump that fails leaves the previous file behind, and reading
    // it back would show a screen that is gone.
    const path = `/sdcard/tikmatrix-ui-${randomUUID()}.xml`;
    const result = await this.shell(shellLine`rm -f ${path}; uiautomator dump ${path} >/dev/null && cat ${path}`);
    await this.shell(shellLine`rm -f ${path}`);
    const start = result.stdout.indexOf("<?xml");
    if (result.exitCode !== 0 || start < 0) {
      // e.g. "ERROR: could not get idle state." while a video plays: the caller retries.
      throw new AdbError("uiDump", `uiautomator dump failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(0, 300)}`);
    }
    return result.stdout.slice(start);
  }

  async tap(x: number, y: number): Promise<void> {
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0) throw new RangeError(`tap outside the screen: ${x},${y}`);
    await this.check(shellLine`input tap ${Math.round(x)} ${Math.round(y)}`);
  }

  async swipe(from: { x: number; y: number }, to: { x: number; y: number }, durationMs: number): Promise<void> {
    const points = [from.x, from.y, to.x, to.y].map(Math.round);
    if (points.some((v) => !Number.isFinite(v) || v < 0)) throw new RangeError(`swipe outside the screen: ${points.join(",")}`);
    await this.check(shellLine`input swipe ${points} ${Math.max(1, Math.round(durationMs))}`);
  }

  async text(ascii: string): Promise<void> {
    await this.check(shellLine`input text ${inputTextWord(ascii)}`);
  }

  async key(code: number | string): Promise<void> {
    const valid = typeof code === "number" ? Number.isInteger(code) && code >= 0 : /^KEYCODE_[A-Z0-9_]+$/.test(code);
    if (!valid) throw new RangeError(`not a key code: ${String(code)}`);
    await this.check(shellLine`input keyevent ${code}`);
  }

  async startActivity(args: readonly string[]): Promise<ActivityStart> {
    const result = await this.shell(shellLine`am start -W ${args}`);
    return activityStartOf(result.stdout, result.stderr, result.exitCode);
  }

  async screenSize(): Promise<ScreenSize> {
    const output = await this.check(shellLine`wm size`);
    const size = parseWmSize(output);
    if (size === undefined) throw new AdbError("wm size", `unexpected output: ${output.trim().slice(0, 200)}`);
    return size;
  }

  async density(): Promise<number> {
    const output = await this.check(shellLine`wm density`);
    const density = parseWmDensity(output);
    if (density === undefined) throw new AdbError("wm density", `unexpected output: ${output.trim().slice(0, 200)}`);
    return density;
  }

  async sdkLevel(): Promise<number> {
    const output = (await this.check(shellLine`getprop ro.build.version.sdk`)).trim();
    if (!/^\d+$/.test(output)) throw new AdbError("getprop ro.build.version.sdk", `not a number: "${output.slice(0, 50)}"`);
    return Number(output);
  }

  async keyboardShown(): Promise<boolean | undefined> {
    // Android 14 prints it in ImeVisibilityStateComputer's section, older ones with mShowRequested.
    const lines = [...(await this.check(shellLine`dumpsys input_method`)).matchAll(/\bmInputShown=(true|false)\b/g)];
    const last = lines.at(-1);
    return last === undefined ? undefined : last[1] === "true";
  }

  async packageVersion(packageName: string): Promise<string | undefined> {
    // The first versionName is the installed one; an updated system app lists its original after.
    return /\bversionName=(\S+)/.exec(await this.check(shellLine`dumpsys package ${packageName}`))?.[1];
  }

  /** Runs `command` and returns its stdout; a non-zero exit is an AdbError. */
  private async check(command: ShellLine): Promise<string> {
    const result = await this.shell(command);
    if (result.exitCode !== 0) throw new AdbError(command, `exit ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`);
    return result.stdout;
  }

  private async exec(command: ShellLine): Promise<RawShellResult & { exitCode: number }> {
    const operation = `shell ${command.length > 100 ? `${command.slice(0, 100)}…` : command}`;
    const raw = (await this.supportsShellV2()) ? await this.execV2(command, operation) : await this.execV1(command, operation);
    if (raw.exitCode === undefined) throw new AdbError(operation, "the command ended without an exit status (the phone dropped mid-command?)");
    return { ...raw, exitCode: raw.exitCode };
  }

  private execV2(command: ShellLine, operation: string): Promise<RawShellResult> {
    let connection: Connection | undefined;
    const run = async (): Promise<RawShellResult> => {
      // adbkit's shell() is v1 only, so the v2 service is opened by hand on a raw transport.
      connection = await this.device.transport();
      connection.write(shellV2Request(command));
      const reply = await connection.parser.readAscii(4);
      if (reply !== "OKAY") {
        const reason = await connection.parser.readValue().then(
          (value) => value.toString("utf8"),
          () => reply,
        );
        throw new Error(reason);
      }
      return decodeShellV2(await connection.parser.readAll());
    };
    const finished = run().finally(() => connection?.end());
    return this.call(operation, finished, () => connection?.end());
  }

  private execV1(command: ShellLine, operation: string): Promise<RawShellResult> {
    let stream: NodeJS.ReadableStream | undefined;
    const run = async (): Promise<RawShellResult> => {
      stream = await this.device.shell(withExitMarker(command));
      return parseExitMarker(await readAll(stream));
    };
    return this.call(operation, run(), () => destroy(stream));
  }

  /** shell_v2 is read once per phone; a failed read is not remembered, so it is asked again. */
  private supportsShellV2(): Promise<boolean> {
    if (this.shellV2 === undefined) {
      let connection: Connection | undefined;
      const features = readAdbFeatures(this.client, this.serial, (opened) => (connection = opened));
      const asked = this.call("read adb features", features, () => connection?.end()).then((found) => found.has("shell_v2"));
      void asked.catch(() => {
        if (this.shellV2 === asked) this.shellV2 = undefined;
      });
      this.shellV2 = asked;
    }
    return this.shellV2;
  }

  /** Every adb call: a deadline, and adbkit's errors turned into AdbError / DeviceGoneError. */
  private async call<T>(operation: string, promise: PromiseLike<T>, onTimeout?: () => void, timeoutMs = this.timeoutMs): Promise<T> {
    try {
      return await withDeadline(operation, timeoutMs, promise, onTimeout);
    } catch (error) {
      throw toAdbError(`${operation} on ${this.serial}`, error);
    }
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function destroy(stream: NodeJS.ReadableStream | undefined): void {
  if (stream !== undefined && "destroy" in stream && typeof stream.destroy === "function") stream.destroy();
}
