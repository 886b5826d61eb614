/**
 * The `captions` field of the post script (API.md §3) turned into what is typed on the phone:
 * with `caption_format: "multiline"` (TikMatrix's default) one line of it, the k-th task of a
 * create taking line k and looping; with `"spintax"` all of it as one template. Then spintax
 * `{a|b|c}`, `###` as a line break, and on TikTok `Title##Description`.
 *
 * Decisions, each chosen so a caption never fails a post:
 * - `###` is replaced first, wherever it appears (also inside a spintax option). Left to right,
 *   so `####` is a line break then `#`, and `#####` a line break then `##`.
 * - The TikTok split is the first `##` of the template itself that lies outside every spintax
 *   group; each side is then spun on its own. So `{a|b}##{c|d}` works, and a spun option can
 *   neither move the split nor add one: a `##` inside a group stays literal text.
 * - Braces that do not form a group are literal text, never an error: an unclosed `{`, a
 *   stray `}`, and a pair without `|` at its own level (`{SAVE10}`, `{}`), so codes and
 *   emoticons in braces survive. An empty option (`{a|}`) is allowed.
 */

export type CaptionPlatform = "tiktok" | "instagram";

export interface Caption {
  /** TikTok's title; always "" on Instagram and when the template has no `##`. */
  title: string;
  description: string;
}

/** Text, or a spintax group of two or more options. */
type Node = string | Spin;
interface Spin {
  readonly options: readonly Node[][];
}

/**
 * The template a task uses: the whole text, or for `multiline` its line `index` (looping over
 * the lines that are not blank, so a trailing newline or a blank line between does not count).
 */
export function captionTemplate(captions: string, format: "multiline" | "spintax", index: number): string {
  if (format === "spintax") return captions;
  const lines = captions.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.length === 0 ? "" : (lines[index % lines.length] ?? "");
}

export function renderCaption(template: string, platform: CaptionPlatform, random: () => number = Math.random): Caption {
  const nodes = parse(template.replaceAll("###", "\n"));
  const split = platform === "tiktok" ? splitAtTitle(nodes) : undefined;
  if (split === undefined) return { title: "", description: render(nodes, random).trim() };
  // Title first, so a given `random` sequence spins the caption in reading order.
  const title = render(split.title, random).trim();
  return { title, description: render(split.description, random).trim() };
}

interface OpenGroup {
  readonly options: Node[][];
  /** Where the group goes once it closes. */
  readonly parent: Node[];
}

/**
 * One pass with a stack, not recursion, so deeply nested or unbalanced input cannot overflow
 * the stack or backtrack. Groups still open at the end become literal text in order: an
 * unclosed `{` cannot be closed by anything after it, so neither can a group opened inside.
 */
function parse(template: string): Node[] {
  const root: Node[] = [];
  const open: OpenGroup[] = [];
  let target = root;
  for (const ch of template) {
    const group = open.at(-1);
    if (ch === "{") {
      const option: Node[] = [];
      open.push({ options: [option], parent: target });
      target = option;
    } else if (ch === "|" && group !== undefined) {
      const option: Node[] = [];
      group.options.push(option);
      target = option;
    } else if (ch === "}" && group !== undefined) {
      open.pop();
      target = group.parent;
      const [only, ...more] = group.options;
      if (more.length > 0) target.push({ options: group.options });
      else append(target, ["{", ...(only ?? []), "}"]);
    } else {
      append(target, [ch]);
    }
  }
  for (const group of open) {
    append(root, ["{"]);
    group.options.forEach((option, index) => append(root, index === 0 ? option : ["|", ...option]));
  }
  return root;
}

/** Appends, merging adjacent text so a `##` is never spread over two nodes. */
function append(target: Node[], nodes: readonly Node[]): void {
  for (const node of nodes) {
    const last = target.at(-1);
    if (typeof node === "string" && typeof last === "string") target[target.length - 1] = last + node;
    else target.push(node);
  }
}

function splitAtTitle(nodes: readonly Node[]): { title: Node[]; description: Node[] } | undefined {
  const index = nodes.findIndex((node) => typeof node === "string" && node.includes("##"));
  const text = nodes[index];
  if (typeof text !== "string") return undefined;
  const at = text.indexOf("##");
  return {
    title: [...nodes.slice(0, index), text.slice(0, at)],
    description: [text.slice(at + 2), ...nodes.slice(index + 1)],
  };
}

function render(nodes: readonly Node[], random: () => number): string {
  let out = "";
  for (const node of nodes) out += typeof node === "string" ? node : render(pick(node.options, random), random);
  return out;
}

/** Uniform pick; a `random` outside [0, 1) is clamped rather than trusted. */
function pick(options: readonly Node[][], random: () => number): readonly Node[] {
  const r = random();
  const index = Number.isFinite(r) ? Math.min(options.length - 1, Math.max(0, Math.floor(r * options.length))) : 0;
  return options[index] ?? [];
}
