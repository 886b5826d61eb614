/**
 * The nodes of a `uiautomator dump`. The dump is machine-written XML of one shape
 * (`<node attr="…">` elements, attributes always double-quoted), so a scanner over the
 * tags is enough; a general XML parser would add a dependency for nothing.
 */
export interface UiNode {
  text: string;
  resourceId: string;
  className: string;
  packageName: string;
  contentDesc: string;
  clickable: boolean;
  enabled: boolean;
  focused: boolean;
  selected: boolean;
  checked: boolean;
  /** A list or page that scrolls: rows out of its viewport are not in the dump until it does. */
  scrollable: boolean;
  bounds: Bounds;
  /** Depth in the hierarchy: a deeper match is the more specific element. */
  depth: number;
  /** Position in the dump's document order, and the parent's (-1 for the root). */
  index: number;
  parent: number;
}

/** Whether `node` is `ancestor` or lies inside it. */
export function isWithin(nodes: readonly UiNode[], node: UiNode, ancestor: UiNode): boolean {
  for (let at: UiNode | undefined = node; at !== undefined; at = at.parent < 0 ? undefined : nodes[at.parent]) {
    if (at.index === ancestor.index) return true;
  }
  return false;
}

/**
 * What a container reads as: the text (or, where a view has none, the description) of it and
 * every view inside it, in document order, each once. Apps put a caption's words in a child
 * view, in its text or only in its content-desc (Instagram's reels).
 */
export function subtreeText(nodes: readonly UiNode[], root: UiNode): string {
  const parts: string[] = [];
  for (const node of nodes) {
    if (!isWithin(nodes, node, root)) continue;
    const part = (node.text || node.contentDesc).trim();
    if (part !== "" && !parts.includes(part)) parts.push(part);
  }
  return parts.join(" ");
}

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a tap on the node lands. */
export function centreOf(node: UiNode): { x: number; y: number } {
  const { left, top, right, bottom } = node.bounds;
  return { x: Math.round((left + right) / 2), y: Math.round((top + bottom) / 2) };
}

const TAG = /<(\/?)node\b([^>]*?)(\/?)>/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;
const BOUNDS = /^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$/;

/** Every node of the dump, in document order. Throws when the text is not a dump. */
export function parseUiDump(xml: string): UiNode[] {
  if (!/<hierarchy\b/.test(xml)) throw new Error(`not a uiautomator dump: ${xml.slice(0, 80)}`);
  const nodes: UiNode[] = [];
  const open: number[] = [];
  for (const tag of xml.matchAll(TAG)) {
    const [, closing, body = "", selfClosing] = tag;
    if (closing === "/") {
      open.pop();
      continue;
    }
    const index = nodes.length;
    nodes.push(nodeOf(attributesOf(body), open.length, index, open.at(-1) ?? -1));
    if (selfClosing !== "/") open.push(index);
  }
  return nodes;
}

function attributesOf(body: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, value] of body.matchAll(ATTRIBUTE)) {
    if (name !== undefined) attributes.set(name, unescapeXml(value ?? ""));
  }
  return attributes;
}

function nodeOf(attributes: Map<string, string>, depth: number, index: number, parent: number): UiNode {
  const get = (name: string) => attributes.get(name) ?? "";
  const flag = (name: string) => get(name) === "true";
  return {
    text: get("text"),
    resourceId: get("resource-id"),
    className: get("class"),
    packageName: get("package"),
    contentDesc: get("content-desc"),
    clickable: flag("clickable"),
    enabled: get("enabled") !== "false",
    focused: flag("focused"),
    selected: flag("selected"),
    checked: flag("checked"),
    scrollable: flag("scrollable"),
    bounds: boundsOf(get("bounds")),
    depth,
    index,
    parent,
  };
}

function boundsOf(text: string): Bounds {
  const match = BOUNDS.exec(text);
  if (match === null) return { left: 0, top: 0, right: 0, bottom: 0 };
  const [left, top, right, bottom] = match.slice(1).map(Number) as [number, number, number, number];
  return { left, top, right, bottom };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}
