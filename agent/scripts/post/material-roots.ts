import { realpath } from "node:fs/promises";
import path, { dirname, resolve } from "node:path";
import { MaterialError } from "./download";
import { reasonOf } from "./fs-reason";

/**
 * The folders local materials may come from (agent config `material_roots`, docs/post-script.md).
 * A task's paths come from whoever holds an API key: without this, a leaked key could post any
 * file this PC can read (a contract, a key file) to a public account. A path counts by its real
 * path, `..` and symbolic links resolved, so neither a `..` nor a link inside a root leads out.
 */
export class MaterialRoots {
  /**
   * @param roots the configured folders, named in refusals
   * @param internal folders of the agent's own that are allowed too but not named (the download cache)
   */
  constructor(
    readonly roots: readonly string[],
    private readonly internal: readonly string[] = [],
  ) {}

  /**
   * Where `given` really is, when that lies inside a root: `what` and `label` name it in the
   * errors (`material "C:\…\a.mp4"`). A path outside is refused the same way whether or not it
   * exists, so a refusal tells nothing about the PC's other files.
   */
  async check(given: string, label: string, what: "file" | "folder"): Promise<string> {
    const found = await this.locate(given);
    if (found.kind === "inside") return found.real;
    if (found.kind === "outside") throw this.outside(label);
    throw new MaterialError(`${label} ${reasonOf(found.error, what)}`, { cause: found.error });
  }

  /** Like check, for a file that may be absent: undefined when it does not exist (inside a root). */
  async checkOptional(given: string, label: string): Promise<string | undefined> {
    const found = await this.locate(given);
    if (found.kind === "inside") return found.real;
    if (found.kind === "outside") throw this.outside(label);
    if (codeOf(found.error) === "ENOENT") return undefined;
    throw new MaterialError(`${label} ${reasonOf(found.error, "file")}`, { cause: found.error });
  }

  /** The refusal's words: the rule, the folders, and the setting that changes them. */
  outside(label: string): MaterialError {
    const folders = this.roots.length === 0 ? "none are set" : this.roots.join(", ");
    return new MaterialError(`${label} is outside the agent's material folders (${folders}): add its folder to material_roots in the agent's config`);
  }

  private async locate(given: string): Promise<{ kind: "inside"; real: string } | { kind: "outside" } | { kind: "unreadable"; error: unknown }> {
    const absolute = resolve(given);
    const roots = await this.resolvedRoots();
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      // Missing or unreadable: said so only when the part of the path that exists lies in a
      // root (a missing file in a root is missing; one under a link out of a root is outside).
      const existing = await realExistingPart(absolute);
      const inside = roots.some((root) => (root.real === undefined ? isWithin(root.given, absolute) : existing !== undefined && isWithin(root.real, existing)));
      return inside ? { kind: "unreadable", error } : { kind: "outside" };
    }
    return roots.some((root) => root.real !== undefined && isWithin(root.real, real)) ? { kind: "inside", real } : { kind: "outside" };
  }

  /**
   * Each root by its real path (a root may itself be a link). A root that does not exist
   * (yet) holds nothing that exists; its path as given still tells "missing" from "outside".
   */
  private resolvedRoots(): Promise<Array<{ given: string; real: string | undefined }>> {
    return Promise.all(
      [...this.roots, ...this.internal].map(async (root) => {
        const given = resolve(root);
        return { given, real: await realpath(given).catch(() => undefined) };
      }),
    );
  }
}

/**
 * Whether `target` is `root` or lies under it; both absolute and real. On Windows paths compare
 * without regard to case (NTFS), and another drive is never inside.
 */
export function isWithin(root: string, target: string, api: path.PlatformPath = path): boolean {
  const fold = api.sep === "\\" ? (text: string) => text.toLowerCase() : (text: string) => text;
  const relative = api.relative(fold(root), fold(target));
  return relative === "" || (relative.split(api.sep)[0] !== ".." && !api.isAbsolute(relative));
}

/** The real path of the deepest ancestor of `absolute` that resolves; undefined when none does. */
async function realExistingPart(absolute: string): Promise<string | undefined> {
  for (let at = dirname(absolute); ; at = dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return real;
    if (dirname(at) === at) return undefined;
  }
}

function codeOf(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}
