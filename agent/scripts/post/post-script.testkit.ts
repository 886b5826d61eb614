import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Platform } from "../../../shared/platforms";
import type { LibraryMaterial, RunMessage } from "../../../shared/protocol/messages";
import { AdbkitDriver } from "../../adb/adbkit-driver";
import type { LibraryCache } from "../../library/library-cache";
import { unusedLibrary } from "../../testing/library";
import type { LogLevel, RunOutcome, RunReport } from "../../runner";
import { ScriptRunner } from "../../runner";
import { afterAll, beforeAll, expect } from "vitest";
import type { AppModel, DeviceProfile, FakePhone, Post } from "../../../fake-phone";
import { ADB_KEYBOARD_PACKAGE } from "../../../fake-phone";
import { type Harness, startHarness } from "../../../fake-phone/testing";
import { loadApps } from "../apps/load-apps";
import { LocalFolders } from "./local-folder";
import { PhoneScripts } from "..";

/**
 * The agent's scripts (the post's by default) on a fake phone behind the real adb server, run by the real ScriptRunner:
 * what a test needs to post and then read what the phone and the server would have seen.
 */
export interface Posting {
  outcome: RunOutcome;
  logs: Array<{ level: LogLevel; message: string }>;
  progress: string[];
  screenshots: Buffer[];
}

export interface RunOptions {
  /** The task's script_name; default "post". */
  script?: string;
  platform: Platform;
  config: Record<string, unknown>;
  username?: string | null;
  packageName?: string | null;
  /** Aborted to stop the run, as a `stop` from the server does. */
  stop?: AbortSignal;
  deadlineMs?: number;
  /** The task's place in its create (a multiline caption's line). */
  requestIndex?: number;
  /** Step waits and pauses as the agent has them by default (for slow phones), not the quick test ones. */
  realTimings?: boolean;
  /** The library materials the server would send with the run (see PostRig.libraryMaterial). */
  library?: LibraryMaterial[];
}

export class PostRig {
  /** The agent's record of used local-folder files, as its state dir keeps it across runs. */
  readonly folders: LocalFolders;
  /** The agent's library cache; with no server behind it, it serves only what libraryMaterial put there. */
  readonly library: LibraryCache;

  private constructor(
    readonly harness: Harness,
    readonly dir: string,
  ) {
    this.folders = new LocalFolders(join(dir, "state", "local-folders.json"));
    this.library = unusedLibrary(join(dir, "state", "library"));
  }

  static async start(): Promise<PostRig> {
    const [harness, dir] = await Promise.all([startHarness(), mkdtemp(join(tmpdir(), "tikmatrix-post-"))]);
    return new PostRig(harness, dir);
  }

  /** A phone with these apps (and ADBKeyBoard) behind the rig's adb server. */
  async phone(apps: AppModel[], profile?: DeviceProfile, seed?: number): Promise<FakePhone> {
    const shell = await this.harness.phone({ apps, packages: [ADB_KEYBOARD_PACKAGE], profile, scanDelayMs: 100, seed });
    return shell.phone;
  }

  /** A local material file of random bytes; returns its path and contents. */
  async material(name: string, size = 64 * 1024): Promise<{ path: string; data: Buffer }> {
    const data = randomBytes(size);
    const path = join(this.dir, name);
    await writeFile(path, data);
    return { path, data };
  }

  /**
   * A library material as the server would describe it, its bytes already in the agent's
   * cache (as after an earlier fetch), so the run takes them without a server.
   */
  async libraryMaterial(id: number, ext: LibraryMaterial["ext"], caption = "", size = 64 * 1024): Promise<{ material: LibraryMaterial; data: Buffer }> {
    const data = randomBytes(size);
    const sha256 = createHash("sha256").update(data).digest("hex");
    await mkdir(this.library.dir, { recursive: true });
    await writeFile(join(this.library.dir, `${sha256}${ext}`), data);
    return { material: { id, sha256, size, ext, caption }, data };
  }

  /** Runs the task's script once on `phone`, as a link would for a `run` message. */
  async run(phone: FakePhone, options: RunOptions, onProgress?: (step: string) => void): Promise<Posting> {
    const posting: Posting = { outcome: { ok: false, failCode: null, remark: "no result", posted: false }, logs: [], progress: [], screenshots: [] };
    const report: RunReport = {
      ack: () => undefined,
      progress: (step) => {
        posting.progress.push(step);
        onProgress?.(step);
      },
      log: (level, message) => {
        posting.logs.push({ level, message });
        return Promise.resolve();
      },
      screenshot: (png) => {
        posting.screenshots.push(png);
        return Promise.resolve();
      },
      // No server here: the run may always publish.
      posting: () => Promise.resolve(),
      result: (outcome) => {
        posting.outcome = outcome;
        return Promise.resolve();
      },
    };
    const script = new PhoneScripts({
      driver: new AdbkitDriver(this.harness.client, phone.serial, { timeoutMs: options.realTimings === true ? 30_000 : 10_000 }),
      apps: loadApps(),
      cacheDir: join(this.dir, "cache"),
      // The rig's folder holds every material a test writes, as <state dir>/materials would.
      materialRoots: [this.dir],
      folders: this.folders,
      library: this.library,
      ...(options.realTimings === true ? {} : { stepTimeoutMs: 3_000, walker: { pollMs: 100, settleMs: 1_000 }, scanTimeoutMs: 5_000 }),
    });
    const run: RunMessage = {
      type: "run",
      task_id: 4242,
      attempt_id: randomUUID(),
      script: options.script ?? "post",
      config: options.config,
      platform: options.platform,
      package_name: options.packageName ?? null,
      username: options.username ?? null,
      request_index: options.requestIndex ?? 0,
      deadline_at: Date.now() + (options.deadlineMs ?? 60_000),
      library: options.library ?? [],
    };
    await new ScriptRunner(script, 3_000).run(run, options.stop ?? new AbortController().signal, report);
    return posting;
  }

  async stop(): Promise<void> {
    await this.harness.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A rig for the test file: started before its tests, stopped after. The returned object
 * stands for the rig once it is started.
 */
export function usePostRig(): PostRig {
  let started: PostRig | undefined;
  beforeAll(async () => {
    started = await PostRig.start();
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  }, 30_000);
  return new Proxy({} as PostRig, {
    get(_target, key) {
      if (started === undefined) throw new Error("the post rig is used before its beforeAll ran");
      const value: unknown = Reflect.get(started, key);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}

/** The one post the phone's app made; fails the test when it made none or several. */
export function onlyPost(posts: readonly Post[]): Post {
  expect(posts).toHaveLength(1);
  const [post] = posts;
  if (post === undefined) throw new Error("no post");
  return post;
}

/** Every log line and the outcome, for failure messages (the last UI dump's lines left out). */
export function logText(posting: Posting): string {
  const lines = posting.logs.filter((line) => !line.message.startsWith("ui dump ")).map((line) => `${line.level} ${line.message}`);
  return [...lines, `outcome ${JSON.stringify(posting.outcome)}`].join("\n");
}
