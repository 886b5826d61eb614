import type { Rect } from "../window/rect.js";
import { type Travel, type ViewNode, clipTo } from "../window/view.js";

export const RECYCLER_VIEW = "androidx.recyclerview.widget.RecyclerView";

/** One row (or column) of a list: its size along the list's axis, and how it draws at a place. */
export interface ListItem {
  size: number;
  draw: (at: Rect) => ViewNode;
}

export interface ListSpec {
  bounds: Rect;
  items: readonly ListItem[];
  cls?: string;
  id?: string;
}

/**
 * A scrolling list as a RecyclerView lays it out (androidx): only the rows that reach into
 * its viewport exist, so rows scrolled away are absent from a dump, not merely clipped; a row
 * partly inside is clipped to it (View.getBoundsOnScreen with clipToParent). A drag along its
 * axis moves it by the travel, clamped at both ends. Its accessibility node is scrollable
 * only while it can scroll (LayoutManager.onInitializeAccessibilityNodeInfo): a list whose
 * rows all fit says scrollable="false". The offset survives redraws until `reset`.
 */
export class ScrollList {
  private offset = 0;
  private max = 0;

  constructor(private readonly axis: "vertical" | "horizontal" = "vertical") {}

  /** Back to the top (a new search, another tab). */
  reset(): void {
    this.offset = 0;
  }

  render(spec: ListSpec): ViewNode {
    const [l, t, r, b] = spec.bounds;
    const vertical = this.axis === "vertical";
    const viewport = vertical ? b - t : r - l;
    const content = spec.items.reduce((sum, item) => sum + item.size, 0);
    this.max = Math.max(0, content - viewport);
    const offset = Math.min(this.offset, this.max);
    const children: ViewNode[] = [];
    let start = (vertical ? t : l) - offset;
    for (const item of spec.items) {
      const at: Rect = vertical ? [l, start, r, start + item.size] : [start, t, start + item.size, b];
      start += item.size;
      const node = clipTo(item.draw(at), spec.bounds);
      if (node !== undefined) children.push(node);
    }
    return {
      cls: spec.cls ?? RECYCLER_VIEW,
      id: spec.id,
      bounds: spec.bounds,
      scrollable: this.max > 0,
      focusable: true,
      children,
      onScroll: (travel) => this.scroll(travel),
    };
  }

  private scroll({ dx, dy }: Travel): boolean {
    const vertical = this.axis === "vertical";
    if (vertical ? Math.abs(dy) < Math.abs(dx) : Math.abs(dx) < Math.abs(dy)) return false;
    // The content follows the finger: a finger moving up shows what is further down.
    this.offset = Math.min(this.max, Math.max(0, Math.min(this.offset, this.max) - (vertical ? dy : dx)));
    return true;
  }
}
