import { FailCode } from "../../../shared/fail-codes";
import type { RunMessage } from "../../../shared/protocol/messages";
import { type PostConfig, postConfigSchema, postPlatformProblem } from "../../../shared/scripts/post";
import type { LibraryCache } from "../../library/library-cache";
import type { ExecutionContext, RunOutcome, ScriptExecutor } from "../../runner";
import { type FoundApp, findApp, openApp, type ScriptSetup, screenshotOnFailure } from "../engine/app-session";
import { failureOutcome } from "../engine/outcome";
import { ScriptFailure } from "../engine/script-failure";
import { TextEntry } from "../engine/text-entry";
import { captionTemplate, renderCaption } from "../../../shared/scripts/caption";
import { chooseFlow } from "./choose-flow";
import type { DownloadOptions } from "./download";
import type { FolderPick, LocalFolders } from "./local-folder";
import { MaterialRoots } from "./material-roots";
import { type Material, MaterialError, resolveMaterials } from "./materials";
import { type PhoneMedia, pushMedia, removeMedia } from "./phone-media";
import { planPost } from "./post-options";
import { type Confirmation, runFlow } from "./run-flow";

export interface PostScriptOptions extends ScriptSetup {
  /** Where https:// materials are downloaded to. */
  cacheDir: string;
  /** The folders local materials may come from (agent config material_roots); the cache is allowed besides. */
  materialRoots: readonly string[];
  download?: DownloadOptions;
  /** The local folders' record of used files, shared by every phone of the agent. */
  folders: LocalFolders;
  /** The agent's copies of library materials, shared by every phone of the agent. */
  library: LibraryCache;
  scanTimeoutMs?: number;
}

/** What the checks before the phone is touched found. */
interface Prepared extends FoundApp {
  materials: readonly Material[];
  folder: FolderPick | undefined;
  libraryCaption: string | undefined;
}

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
    const config = parseConfig(run);
    const log = (message: string) => context.log("info", message);

    context.progress("checking the phone");
    const found = await findApp(this.options, run, context);

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
      return await this.publish(run, { ...context, posting }, config, { ...found, materials, folder, libraryCaption });
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
    const flow = chooseFlow(app, { content: config.content_type === 0 ? "video" : "images", postWay: config.post_way, placement: config.placement, mediaCount: materials.length });
    const onPhone: string[] = [];
    let text: TextEntry | undefined;
    try {
      const session = await openApp(this.options, run, context, prepared);
      text = session.text;
      await log(`${packageName} on a ${session.screenSize.width}x${session.screenSize.height} screen; flow "${flow.name}" with ${materials.map((m) => m.source).join(", ")}`);
      context.progress("pushing the material");
      const prefix = `tikmatrix-${run.task_id}-${run.attempt_id.slice(0, 8)}`;
      const media: PhoneMedia[] = await pushMedia(driver, materials, { prefix, signal: context.signal, scanTimeoutMs: this.options.scanTimeoutMs, onPushed: (path) => onPhone.push(path) });
      await log(`pushed ${media.map((m) => m.path).join(", ")}`);
      return await runFlow(flow, {
        ...session.stepRun({ sound: plan.sound }, plan.conditions, config.sound_wait_time),
        media,
        caption,
        plan,
        uploadWaitS: config.upload_wait_time,
      });
    } catch (error) {
      await screenshotOnFailure(driver, context, error);
      throw error;
    } finally {
      await this.cleanUp(text, onPhone, context);
    }
  }

  /** Runs after success, failure and stop alike; a phone that has gone is left as it is. */
  private async cleanUp(text: TextEntry | undefined, onPhone: string[], context: ExecutionContext): Promise<void> {
    try {
      await text?.restore();
      await removeMedia(this.options.driver, onPhone);
    } catch (error) {
      await context.log("warn", `clean-up incomplete: ${messageOf(error)}`);
    }
  }

  private failure(error: unknown, context: ExecutionContext): Promise<RunOutcome> {
    if (error instanceof MaterialError) return Promise.resolve({ ok: false, failCode: FailCode.MaterialNotFound, remark: error.message.slice(0, 1000), posted: false });
    return failureOutcome(error, context);
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
