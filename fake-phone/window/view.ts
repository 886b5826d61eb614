import { type Rect, intersect } from "./rect.js";

// A window's views. Apps draw in a 1080×2400 design space for their content area; the
// window manager places the tree in device pixels (`place`), so the dump a script reads and
// the taps it sends agree on any screen, whatever its size and system bars.

export const DESIGN_WIDTH = 1080;
export const DESIGN_HEIGHT = 2400;

export interface ViewNode {
  cls: string;
  text?: string;
  /** Full resource id, "pkg:id/name"; obfuscated on TikTok. */
  id?: string;
  desc?: string;
  bounds: Rect;
  /** What a tap does; a node with a handler is clickable. */
  onTap?: () => void;
  /** Shown but inert: a disabled button still takes the tap and does nothing. */
  enabled?: boolean;
  selected?: boolean;
  checkable?: boolean;
  checked?: boolean;
  focusable?: boolean;
  focused?: boolean;
  scrollable?: boolean;
  children?: ViewNode[];
}

/** Maps design space onto a window's content area. */
export interface Placement {
  left: number;
  top: number;
  scaleX: number;
  scaleY: number;
}

export function placementFor(area: Rect): Placement {
  const [l, t, r, b] = area;
  return { left: l, top: t, scaleX: (r - l) / DESIGN_WIDTH, scaleY: (b - t) / DESIGN_HEIGHT };
}

/** The tree in device pixels. */
export function place(node: ViewNode, at: Placement): ViewNode {
  const [l, t, r, b] = node.bounds;
  const x = (v: number) => Math.round(at.left + v * at.scaleX);
  const y = (v: number) => Math.round(at.top + v * at.scaleY);
  return { ...node, bounds: [x(l), y(t), x(r), y(b)], children: node.children?.map((child) => place(child, at)) };
}

/** The deepest clickable node under the point; later siblings are drawn on top and get the touch first. */
export function hitTest(node: ViewNode, x: number, y: number): ViewNode | undefined {
  const [l, t, r, b] = node.bounds;
  if (x < l || x >= r || y < t || y >= b) return undefined;
  for (const child of [...(node.children ?? [])].reverse()) {
    const hit = hitTest(child, x, y);
    if (hit !== undefined) return hit;
  }
  return node.onTap === undefined ? undefined : node;
}

export interface DumpOptions {
  package: string;
  display: Rect;
  /** True for a node wholly covered by windows above (left out of the dump with its subtree). */
  hidden: (bounds: Rect) => boolean;
}

/**
 * The XML `uiautomator dump` writes for one window (AccessibilityNodeInfoDumper): one line,
 * attributes in its order, `NAF` on unlabelled clickable nodes, bounds clipped to the display
 * only, children that are not visible to the user skipped (so `index` keeps its gaps).
 */
export function dumpXml(root: ViewNode, options: DumpOptions): string {
  return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">${nodeXml(root, 0, options)}</hierarchy>`;
}

function nodeXml(node: ViewNode, index: number, options: DumpOptions): string {
  const [l, t, r, b] = intersect(node.bounds, options.display) ?? [0, 0, 0, 0];
  const attributes: Array<[string, string | boolean]> = [];
  if (isNaf(node)) attributes.push(["NAF", true]);
  attributes.push(
    ["index", String(index)],
    ["text", node.text ?? ""],
    ["resource-id", node.id ?? ""],
    ["class", node.cls],
    ["package", options.package],
    ["content-desc", node.desc ?? ""],
    ["checkable", node.checkable ?? false],
    ["checked", node.checked ?? false],
    ["clickable", node.onTap !== undefined],
    ["enabled", node.enabled ?? true],
    ["focusable", node.focusable ?? node.onTap !== undefined],
    ["focused", node.focused ?? false],
    ["scrollable", node.scrollable ?? false],
    ["long-clickable", false],
    ["password", false],
    ["selected", node.selected ?? false],
    ["bounds", `[${l},${t}][${r},${b}]`],
  );
  const head = `<node ${attributes.map(([name, value]) => `${name}="${escapeXml(sanitise(String(value)))}"`).join(" ")}`;
  const children = (node.children ?? [])
    .map((child, i) => ({ child, i }))
    .filter(({ child }) => isVisibleToUser(child, options))
    .map(({ child, i }) => nodeXml(child, i, options));
  if (children.length === 0) return `${head} />`;
  return `${head}>${children.join("")}</node>`;
}

function isVisibleToUser(node: ViewNode, options: DumpOptions): boolean {
  // Off the display, or wholly under another window (when the phone tracks windows).
  const onDisplay = intersect(node.bounds, options.display);
  return onDisplay !== undefined && !options.hidden(onDisplay);
}

const NAF_EXEMPT = new Set(["android.widget.GridView", "android.widget.GridLayout", "android.widget.ListView", "android.widget.TableLayout"]);

// "Not accessibility friendly": clickable and enabled, with no text or description of its own
// or in its subtree.
function isNaf(node: ViewNode): boolean {
  if (node.onTap === undefined || node.enabled === false || NAF_EXEMPT.has(node.cls)) return false;
  const labelled = (n: ViewNode): boolean => Boolean(n.text) || Boolean(n.desc) || (n.children ?? []).some(labelled);
  return !labelled(node);
}

// Control characters become "." (AccessibilityNodeInfoDumper.safeCharSeqToString).
function sanitise(text: string): string {
  return text.replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufdd0-\ufddf]/g, ".");
}

// libcore's KXmlSerializer writes line breaks in attributes, and characters beyond the BMP
// (emoji), as character references; a raw newline would be read back as a space.
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/[\u{10000}-\u{10ffff}]/gu, (char) => `&#${char.codePointAt(0) ?? 0};`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
