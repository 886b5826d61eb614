import type { MediaRow } from "../system/media-store.js";
import { DESIGN_WIDTH } from "../window/view.js";
import type { Rect } from "../window/rect.js";

/**
 * Items picked in an in-app gallery, by media row id so a selection survives switching
 * tabs, in the order they were picked (the order a carousel gets). In single mode a pick
 * replaces the last one.
 */
export class GallerySelection {
  private ids: number[] = [];
  multiple = false;

  has(row: MediaRow): boolean {
    return this.ids.includes(row.id);
  }

  /** 1-based position in the selection, 0 when not picked. */
  numberOf(row: MediaRow): number {
    return this.ids.indexOf(row.id) + 1;
  }

  get size(): number {
    return this.ids.length;
  }

  tap(row: MediaRow): void {
    if (!this.multiple) this.ids = [row.id];
    else if (this.has(row)) this.ids = this.ids.filter((id) => id !== row.id);
    else this.ids.push(row.id);
  }

  picked(rows: readonly MediaRow[]): MediaRow[] {
    return this.ids.flatMap((id) => rows.filter((row) => row.id === id));
  }

  clear(): void {
    this.ids = [];
    this.multiple = false;
  }
}

/** Square cells of a grid, row by row; only `rows` rows fit on screen, like a real grid. */
export function gridCells(count: number, columns: number, top: number, rows: number): Rect[] {
  const size = Math.floor(DESIGN_WIDTH / columns);
  return Array.from({ length: Math.min(count, columns * rows) }, (_, i) => {
    const left = (i % columns) * size;
    const y = top + Math.floor(i / columns) * size;
    return [left, y, left + size, y + size] as const;
  });
}
