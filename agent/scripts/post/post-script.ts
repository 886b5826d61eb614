import { FailCode } from "../../../shared/fail-codes";
import type { Platform } from "../../../shared/platforms";
import type { RunMessage } from "../../../shared/protocol/messages";
import { type PostConfig, postConfigSchema, postPlatformProblem } from "../../../shared/scripts/post";
import { AdbError, DeviceGoneError } from "../../adb/errors";
import type { PhoneDriver } from "../../adb/phone-driver";
import { shellLine } from "../../adb/shell-text";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import type { LibraryCache } from "../../library/library-cache";
import type { AppData } from "../apps/app-data";
import { ScreenWalker, StepNotFound, type WalkerOptions } from "../ui/screen-walker";
import { ensureAccount } from "./account";
import { appBuild, appName, grantPermissions, installedPackage } from "./prepare-phone";
import { captionTemplate, renderCaption } from "./caption";
import { chooseFlow } from "./choose-flow";
import type { DownloadOptions } from "./download";
import type { FolderPick, LocalFolders } from "./local-folder";
import { MaterialRoots } from "./material-roots";
import { type Material, MaterialError, resolveMaterials } from "./materials";
import { type PhoneMedia, pushMedia, removeMedia } from "./phone-media";
import { planPost } from "./post-options";
import { type Confirmation, launchApp, runFlow } from "./run-flow";
import { ScriptFailure } from "./script-failure";
import { TextEntry } from "./text-entry";

export interface PostScriptOptions {
  driver: PhoneDriver;
  /** Screen data per platform (apps/load-apps.ts). */
  apps: Readonly<Record<Platform, AppData>>;
  /** Where https:// materials are downloaded to. */
  cacheDir: string;
  /** The folders local materials may come from (agent config material_roots); the cache is allowed besides. */
  materialRoots: readonly string[];
  download?: DownloadOptions;
  walker?: WalkerOptions;
  /** The local folders' record of used files, shared by every phone of the agent. */
  folders: LocalFolders;
  /** The agent's copies of library materials, shared by every phone of the agent. */
  library: LibraryCache;
  /** A step's wait when the data gives none (default 15 s). */
  stepTimeoutMs?: number;
  scanTimeoutMs?: number;
  random?: () => number;
}

/** What the checks before the phone is touched found. */
interface Prepared {
  packageName: string;
  app: AppData;
  materials: readonly Material[];
  folder: FolderPick | undefined;
  libraryCaption: string | undefined;
}

/** The last dump is logged in pieces of this size (a log line holds 4,000 characters). */
const DUMP_PIECE = 3_900;
const DUMP_PIECES_MAX = 8;

/**
 * The `post` script (docs/post-script.md): checks the phone, resolves the materials, pushes
 * them into the gallery, makes the task's account the logged-in one, walks the app's flow
 * from its screen data, waits for the upload, and always removes what it pushed.
 */
export class PostScript implements ScriptExecutor {
  private readonly roots: MaterialRoots;

  constructor(private readonly options: PostScriptOptions) {
    this.roots = new MaterialRoots(options.materialRoots, [options.cacheDir, options.library.dir]);
  }

  async execute(run: RunMessage, context: ExecutionContext): Promise<RunOutcome> {
    try {
      const confirmation = await this.post(run, context);
      return { ok: true, failCode: null, remark: `posted (${confirmation})`, posted: true };
    } catch (error) {
      return this.failure(error, context);
    }
  }

  private async post(run: RunMessage, context: ExecutionContext): Promise<Confirmation> {
    const { driver } = this.options;
    const config = parseConfig(run);
    const log = (message: string) => context.log("info", message);

    context.progress("checking the phone");
    const packageName = await installedPackage(driver, this.options.apps[run.platform], run.package_name);
    const build = await appBuild(driver, this.options.apps[run.platform], packageName);
    await log(`${appName(build.app)} ${build.version ?? "(version unknown)"} (${packageName})${build.known ? "" : ": a build the screen data has no ids for, so it goes by texts, descriptions and layout"}`);

    context.progress("preparing the material");
    const resolved = await resolveMaterials(config, {
      cacheDir: this.options.cacheDir,
      signal: context.signal,
      download: this.options.download,
      random: this.options.random,
      folders: this.options.folders,
      username: run.username,
      roots: this.roots,
      library: { materials: run.library, cache: this.options.library },
    });
    const { materials, folder, libraryCaption } = resolved;
    try {
      if (folder !== undefined) await log(`material from ${folder.folder}${folder.caption === undefined ? "" : ", its caption.txt"}${folder.sound === undefined ? "" : `, sound "${folder.sound}"`}`);
      // From the publishing tap on, the post may be out: a folder's files then count as used.
      const posting = async () => {
        await context.posting();
        await folder?.commit();
      };
      return await this.publish(run, { ...context, posting }, config, { packageName, app: build.app, materials, folder, libraryCaption });
    } finally {
      resolved.release();
    }
  }

  private async publish(run: RunMessage, context: ExecutionContext, config: PostConfig, prepared: Prepared): Promise<Confirmation> {
    const { driver } = this.options;
    const { packageName, app, materials, folder, libraryCaption } = prepared;
    const log = (message: string) => context.log("info", message);
    // A folder's caption.txt, or a library material's caption, is one spintax template and stands in for the config's captions.
    const template = folder?.caption ?? libraryCaption ?? captionTemplate(config.captions, config.caption_format, run.request_index);
    const caption = renderCaption(template, run.platform, this.options.random);
    const plan = planPost(config, folder?.sound);
    await TextEntry.check(driver, { caption: caption.title + caption.description, "sound's name": plan.sound });
    const screenSize = await driver.screenSize();
    const sdk = await driver.sdkLevel();
    await driver.key("KEYCODE_WAKEUP");
    const flow = chooseFlow(app, { content: config.content_type === 0 ? "video" : "images", postWay: config.post_way, placement: config.placement, mediaCount: materials.length });
    await log(`${packageName} on a ${screenSize.width}x${screenSize.height} screen; flow "${flow.name}" with ${materials.map((m) => m.source).join(", ")}`);

    const walker = new ScreenWalker(driver, { screenSize, popups: app.popups, pauseVideo: app.pause_video, signal: context.signal, note: log }, this.options.walker);
    const text = new TextEntry(driver);
    const onPhone: string[] = [];
    const stepTimeoutMs = this.options.stepTimeoutMs ?? 15_000;
    try {
      await driver.shell(shellLine`am force-stop ${packageName}`);
      await grantPermissions(driver, app, packageName, sdk, log);
      if (run.username !== null) {
        context.progress("checking the account");
        await launchApp(driver, packageName);
        await ensureAccount(walker, app, run.username, stepTimeoutMs, log);
      }
      context.progress("pushing the material");
      const prefix = `tikmatrix-${run.task_id}-${run.attempt_id.slice(0, 8)}`;
      const media: PhoneMedia[] = await pushMedia(driver, materials, { prefix, signal: context.signal, scanTimeoutMs: this.options.scanTimeoutMs, onPushed: (path) => onPhone.push(path) });
      await log(`pushed ${media.map((m) => m.path).join(", ")}`);
      return await runFlow(flow, {
        driver,
        walker,
        context,
        packageName,
        media,
        caption,
        plan,
        parts: app.parts,
        text,
        uploadWaitS: config.upload_wait_time,
        soundWaitS: config.sound_wait_time,
        stepTimeoutMs,
        screenshot: (label) => this.screenshot(context, label),
      });
    } catch (error) {
      const onScreen = error instanceof StepNotFound || error instanceof ScriptFailure;
      if (onScreen && !context.signal.aborted) await this.screenshot(context, "at the failure");
      throw error;
    } finally {
      await this.cleanUp(text, onPhone, context);
    }
  }

  /** Evidence only: a failed screenshot is a warning in the log, never a failed post. */
  private async screenshot(context: ExecutionContext, label: string): Promise<void> {
    try {
      await context.screenshot(await this.options.driver.screencap());
      await context.log("info", `screenshot ${label}`);
    } catch (error) {
      await context.log("warn", `no screenshot ${label}: ${messageOf(error)}`);
    }
  }

  /** Runs after success, failure and stop alike; a phone that has gone is left as it is. */
  private async cleanUp(text: TextEntry, onPhone: string[], context: ExecutionContext): Promise<void> {
    try {
      await text.restore();
      await removeMedia(this.options.driver, onPhone);
    } catch (error) {
      await context.log("warn", `clean-up incomplete: ${messageOf(error)}`);
    }
  }

  private async failure(error: unknown, context: ExecutionContext): Promise<RunOutcome> {
    const fail = (failCode: FailCode, remark: string): RunOutcome => ({ ok: false, failCode, remark: remark.slice(0, 1000), posted: false });
    if (error instanceof ScriptFailure) return fail(error.failCode, error.message);
    if (error instanceof MaterialError) return fail(FailCode.MaterialNotFound, error.message);
    if (error instanceof StepNotFound) {
      await context.log("error", `${error.message}; the screen's last UI dump follows`);
      const dump = error.lastDump;
      for (let piece = 0; piece < Math.min(DUMP_PIECES_MAX, Math.ceil(dump.length / DUMP_PIECE)); piece++) {
        await context.log("error", `ui dump ${piece + 1}: ${dump.slice(piece * DUMP_PIECE, (piece + 1) * DUMP_PIECE)}`);
      }
      return fail(FailCode.UiStepNotFound, error.message);
    }
    if (error instanceof DeviceGoneError) return fail(FailCode.DeviceOffline, error.message);
    if (error instanceof AdbError) return fail(FailCode.AdbError, error.message);
    // A stop or a deadline: the runner reports those; anything else is a bug it reports as 1002.
    throw error;
  }
}

function parseConfig(run: RunMessage): PostConfig {
  const parsed = postConfigSchema.safeParse(run.config);
  // The worker validated both with the same rules: only a version mismatch gets here.
  const update = "script_config is not one this agent understands (update the agent?)";
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ScriptFailure(FailCode.MaterialNotFound, `${update}: ${issues}`);
  }
  const problem = postPlatformProblem(parsed.data, run.platform);
  if (problem !== undefined) throw new ScriptFailure(FailCode.MaterialNotFound, `${update}: ${problem}`);
  return parsed.data;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
