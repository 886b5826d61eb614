import type { RunMessage } from "../../../shared/protocol/messages";
import type { CommentConfig } from "../../../shared/scripts/comment";
import { postConfigSchema } from "../../../shared/scripts/post";
import type { ExecutionContext } from "../../runner";
import { MaterialRoots } from "../post/material-roots";
import { resolveMaterials } from "../post/materials";
import { pushMedia, removeMedia } from "../post/phone-media";
import type { PostScriptOptions } from "../post/post-script";
import type { CommentImages } from "./comment-script";

/** The comment's image on the phone: the newest item of its gallery until `remove`. */
export interface CommentImage {
  path: string;
  remove(): Promise<void>;
}

/**
 * `comment_image_path` is a material like a post's: a file under the agent's material roots or
 * an https:// URL, checked (an image, readable, not empty) and fetched the same way. It is
 * resolved as a one-image post's material_list would be, so the rules are the post's, not a copy.
 */
export class PushedCommentImages implements CommentImages {
  private readonly roots: MaterialRoots;

  constructor(private readonly options: PostScriptOptions) {
    this.roots = new MaterialRoots(options.materialRoots, [options.cacheDir, options.library.dir]);
  }

  async push(run: RunMessage, config: CommentConfig, context: ExecutionContext): Promise<CommentImage> {
    const asPost = postConfigSchema.parse({ content_type: 1, image_count: 1, material_list: [config.comment_image_path] });
    const resolved = await resolveMaterials(asPost, {
      cacheDir: this.options.cacheDir,
      signal: context.signal,
      download: this.options.download,
      folders: this.options.folders,
      username: run.username,
      roots: this.roots,
      library: { materials: [], cache: this.options.library },
    });
    const pushed: string[] = [];
    try {
      const prefix = `tikmatrix-${run.task_id}-${run.attempt_id.slice(0, 8)}`;
      const [media] = await pushMedia(this.options.driver, resolved.materials, { prefix, signal: context.signal, scanTimeoutMs: this.options.scanTimeoutMs, onPushed: (path) => pushed.push(path) });
      if (media === undefined) throw new Error("no image was pushed");
      await context.log("info", `pushed ${media.path} for the comment`);
      return {
        path: media.path,
        remove: async () => {
          await removeMedia(this.options.driver, pushed).catch(() => undefined);
        },
      };
    } catch (error) {
      await removeMedia(this.options.driver, pushed).catch(() => undefined);
      throw error;
    } finally {
      resolved.release();
    }
  }
}
