// A screen's view tree, written once in a 1080×2400 design space and scaled to the phone's
// size, so the dump a script reads and the taps it sends agree on any screen. The XML has
// the attributes, order and escaping of `uiautomator dump`.

export const DESIGN_WIDTH = 1080;
export const DESIGN_HEIGHT = 2400;

/** [left, top, right, bottom] in design pixels. */
export type Rect = readonly [number, number, number, number];

export interface UiNode {
  cls: string;
  text?: string;
  /** Full resource id, "pkg:id/name". */
  id?: string;
  desc?: string;
  bounds: Rect;
  /** What a tap does; a node with a handler is clickable. */
  onTap?: () => void;
  /** Shown but does nothing when tapped (a disabled button still swallows the tap). */
  enabled?: boolean;
  selected?: boolean;
  focusable?: boolean;
  focused?: boolean;
  children?: UiNode[];
}

export interface Scale {
  x: number;
  y: number;
}

export function scaleFor(size: { width: number; height: number }): Scale {
  return { x: size.width / DESIGN_WIDTH, y: size.height / DESIGN_HEIGHT };
}

export function deviceBounds(rect: Rect, scale: Scale): Rect {
  const [l, t, r, b] = rect;
  return [Math.round(l * scale.x), Math.round(t * scale.y), Math.round(r * scale.x), Math.round(b * scale.y)];
}

/** The tree without nodes whose text, content-desc or resource id (full or short) is hidden. */
export function withoutHidden(node: UiNode, hidden: ReadonlySet<string>): UiNode | undefined {
  const names = [node.text, node.desc, node.id, node.id?.replace(/^.*:id\//, "")];
  if (names.some((name) => name !== undefined && name !== "" && hidden.has(name))) return undefined;
  const children = node.children?.map((child) => withoutHidden(child, hidden)).filter((child) => child !== undefined);
  return { ...node, children };
}

export function dumpXml(root: UiNode, pkg: string, scale: Scale): string {
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">${nodeXml(root, 0, pkg, scale)}</hierarchy>`;
}

function nodeXml(node: UiNode, index: number, pkg: string, scale: Scale): string {
  const [l, t, r, b] = deviceBounds(node.bounds, scale);
  const attributes: Array<[string, string | boolean]> = [
    ["index", String(index)],
    ["text", node.text ?? ""],
    ["resource-id", node.id ?? ""],
    ["class", node.cls],
    ["package", pkg],
    ["content-desc", node.desc ?? ""],
    ["checkable", false],
    ["checked", false],
    ["clickable", node.onTap !== undefined],
    ["enabled", node.enabled ?? true],
    ["focusable", node.focusable ?? node.onTap !== undefined],
    ["focused", node.focused ?? false],
    ["scrollable", false],
    ["long-clickable", false],
    ["password", false],
    ["selected", node.selected ?? false],
    ["bounds", `[${l},${t}][${r},${b}]`],
  ];
  const head = `<node ${attributes.map(([name, value]) => `${name}="${escapeXml(String(value))}"`).join(" ")}`;
  const children = node.children ?? [];
  if (children.length === 0) return `${head} />`;
  return `${head}>${children.map((child, i) => nodeXml(child, i, pkg, scale)).join("")}</node>`;
}

// uiautomator's serializer writes line breaks in attributes as character references; a raw
// newline would be read back as a space by any XML parser.
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** The deepest clickable node whose (device) bounds contain the point, as Android dispatches. */
export function hitTest(node: UiNode, x: number, y: number, scale: Scale): UiNode | undefined {
  const [l, t, r, b] = deviceBounds(node.bounds, scale);
  if (x < l || x >= r || y < t || y >= b) return undefined;
  // Later siblings are drawn on top, so they get the touch first.
  for (const child of [...(node.children ?? [])].reverse()) {
    const hit = hitTest(child, x, y, scale);
    if (hit !== undefined) return hit;
  }
  return node.onTap === undefined ? undefined : node;
}
