import { type Rect, intersect } from "./rect.js";

// A window's views. Apps draw in a 1080×2400 design space for their content area; the
// window manager places the tree in device pixels (`place`), so the dump a script reads and
// the taps it sends agree on any screen, whatever its size and system bars.

export const DESIGN_WIDTH = 1080;
export const DESIGN_HEIGHT = 2400;

/**
 * Where a tap landed, in device pixels: the point, and the placed bounds of the node it hit
 * (what the dump shows for it). A view reads its touch relative to itself, as
 * MotionEvent.getX() is: `x - bounds[0]`.
 */
export interface Touch {
  x: number;
  y: number;
  bounds: Rect;
}

/**
 * A drag's travel past the touch slop, in the app's design space (the window manager maps
 * the finger's device pixels). A finger moving up has a negative dy.
 */
export interface Travel {
  dx: number;
  dy: number;
}

export interface ViewNode {
  cls: string;
  text?: string;
  /** Full resource id, "pkg:id/name"; obfuscated on TikTok. */
  id?: string;
  desc?: string;
  bounds: Rect;
  /** What a tap does; a node with a handler is clickable. Most ignore where it landed. */
  onTap?: (touch: Touch) => void;
  /** The dump's clickable, when it is not simply "has a handler": a SeekBar takes touches without being clickable. */
  clickable?: boolean;
  /**
   * A scrolling container (RecyclerView, ScrollView): takes a drag along its axis and returns
   * true, or false to leave it to a container around it (a horizontal list inside a vertical one).
   */
  onScroll?: (travel: Travel) => boolean;
  /**
   * False for a view clipped away by a scrolling parent: laid out but not visible to the user
   * (View.isVisibleToUser), so the dump skips it, keeping its index, and no tap reaches it.
   */
  visibleToUser?: boolean;
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
  if (node.visibleToUser === false || x < l || x >= r || y < t || y >= b) return undefined;
  for (const child of [...(node.children ?? [])].reverse()) {
    const hit = hitTest(child, x, y);
    if (hit !== undefined) return hit;
  }
  return node.onTap === undefined ? undefined : node;
}

/** The scrolling containers under the point, the innermost first: the one a drag goes to first. */
export function scrollTargets(node: ViewNode, x: number, y: number): ViewNode[] {
  const [l, t, r, b] = node.bounds;
  if (node.visibleToUser === false || x < l || x >= r || y < t || y >= b) return [];
  const inner = [...(node.children ?? [])].reverse().flatMap((child) => scrollTargets(child, x, y));
  return node.onScroll === undefined ? inner : [...inner, node];
}

/**
 * A view inside a scrolling parent's viewport: its bounds clipped to it, as
 * View.getBoundsOnScreen(clipToParent) reports them; descendants wholly outside stay in the
 * tree but are not visible to the user. Undefined when the view lies wholly outside.
 */
export function clipTo(node: ViewNode, viewport: Rect): ViewNode | undefined {
  const bounds = intersect(node.bounds, viewport);
  if (bounds === undefined) return undefined;
  const children = node.children?.map((child) => clipTo(child, viewport) ?? { ...child, visibleToUser: false, children: undefined });
  return { ...node, bounds, children };
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
    ["clickable", node.clickable ?? node.onTap !== undefined],
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
  // Clipped away by a scrolling parent, off the display, or wholly under another window
  // (when the phone tracks windows).
  if (node.visibleToUser === false) return false;
  const onDisplay = intersect(node.bounds, options.display);
  return onDisplay !== undefined && !options.hidden(onDisplay);
}

const NAF_EXEMPT = new Set(["android.widget.GridView", "android.widget.GridLayout", "android.widget.ListView", "android.widget.TableLayout"]);

// "Not accessibility friendly": clickable and enabled, with no text or description of its own
// or in its subtree.
function isNaf(node: ViewNode): boolean {
  if (!(node.clickable ?? node.onTap !== undefined) || node.enabled === false || NAF_EXEMPT.has(node.cls)) return false;
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
