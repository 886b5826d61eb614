import type { MediaRow, MediaStore, MediaTable } from "../../system/media-store.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { GallerySelection } from "../gallery.js";
import type { TikTokElement } from "./builds.js";
import type { TikTokStrings } from "./strings.js";

type Tab = "all" | "videos" | "photos";

const TAB_TABLES: Record<Tab, MediaTable[]> = { all: ["video", "images"], videos: ["video"], photos: ["images"] };
const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const FRAME = "android.widget.FrameLayout";
const COLUMNS = 4;
const CELL = 270;
const GRID_TOP = 380;

export interface GalleryHost {
  id(element: TikTokElement): string;
  strings(): TikTokStrings;
  media(): MediaStore;
  photoAccess(): "full" | "partial" | "none";
  askPhotos(): void;
  close(): void;
  preview(): void;
  next(rows: MediaRow[]): void;
}

/**
 * TikTok's upload gallery (GEEL, TAKT, EDDE, AICC): it opens on "All", newest first by
 * modification time; thumbnails are unlabelled images inside clickable cells. A tap on a
 * cell picks it, one at a time, until "Select multiple" (a label with a CheckBox) is on;
 * then each cell shows a selection circle in its corner that picks, numbered in picking
 * order, while a tap on the cell opens a preview. Next reads "Next (N)" with several picked.
 */
export class TikTokGallery {
  private tab: Tab = "all";
  private readonly selection = new GallerySelection();
  private previewing: MediaRow | undefined;

  constructor(private readonly host: GalleryHost) {}

  open(): void {
    this.tab = "all";
    this.selection.clear();
    this.previewing = undefined;
    if (this.host.photoAccess() !== "full") this.host.askPhotos();
  }

  render(): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    const tabs = (["all", "videos", "photos"] as const).map(
      (tab, i): ViewNode => ({
        cls: FRAME,
        desc: t[tab],
        bounds: [i * 360, 150, (i + 1) * 360, 260],
        selected: tab === this.tab,
        onTap: () => {
          this.tab = tab;
        },
        children: [{ cls: TEXT, text: t[tab], bounds: [i * 360 + 60, 170, (i + 1) * 360 - 60, 240] }],
      }),
    );
    const count = this.selection.size;
    return [
      { cls: IMAGE, desc: t.close, id: id("galleryClose"), bounds: [20, 20, 140, 140], onTap: () => this.host.close() },
      { cls: TEXT, text: t.recents, id: id("galleryAlbum"), bounds: [380, 30, 700, 130], onTap: () => undefined },
      ...tabs,
      {
        cls: "android.widget.LinearLayout",
        bounds: [620, 270, 1060, 360],
        onTap: () => this.toggleMultiple(),
        children: [
          { cls: TEXT, text: t.selectMultiple, id: id("galleryMultiLabel"), bounds: [620, 280, 960, 350] },
          { cls: "android.widget.CheckBox", id: id("galleryMultiCheck"), checkable: true, checked: this.selection.multiple, bounds: [970, 280, 1050, 350] },
        ],
      },
      ...this.grid(),
      {
        cls: "android.widget.Button",
        id: id("galleryNext"),
        text: count > 1 || (this.selection.multiple && count > 0) ? t.nextCount(count) : t.next,
        enabled: count > 0,
        bounds: [760, 2240, 1060, 2370],
        onTap: () => this.host.next(this.selection.picked(this.host.media().newestFirst())),
      },
    ];
  }

  /** The preview of one item: its own corner circle picks it. */
  renderPreview(back: () => void): ViewNode[] {
    const row = this.previewing;
    const t = this.host.strings();
    const nodes: ViewNode[] = [
      { cls: IMAGE, bounds: [0, 200, 1080, 2100] },
      { cls: IMAGE, desc: t.back, bounds: [20, 40, 140, 160], onTap: back },
    ];
    if (row !== undefined) nodes.push(this.circle(row, [940, 40, 1060, 160], "previewSelect"));
    return nodes;
  }

  private toggleMultiple(): void {
    this.selection.multiple = !this.selection.multiple;
  }

  private grid(): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    const access = this.host.photoAccess();
    if (access === "none") {
      return [
        { cls: TEXT, text: t.allowAccess, bounds: [100, 900, 980, 1000] },
        { cls: "android.widget.Button", text: t.allowAccessButton, bounds: [340, 1040, 740, 1160], onTap: () => this.host.askPhotos() },
      ];
    }
    // With partial access (Android 14 "Allow limited access") only the user's picks show: none.
    const rows = access === "partial" ? [] : this.host.media().newestFirst(TAB_TABLES[this.tab]);
    const cells = rows.slice(0, COLUMNS * 6).map((row, i): ViewNode => {
      const left = (i % COLUMNS) * CELL;
      const top = GRID_TOP + Math.floor(i / COLUMNS) * CELL;
      const bounds: Rect = [left, top, left + CELL, top + CELL];
      const children: ViewNode[] = [{ cls: IMAGE, id: id("galleryThumb"), bounds }];
      if (row.table === "video") children.push({ cls: TEXT, id: id("galleryDuration"), text: "00:15", bounds: [left + 150, top + 210, left + 260, top + 260] });
      if (this.selection.multiple) children.push(this.circle(row, [left + 190, top + 10, left + 260, top + 80], "galleryCircle"));
      return {
        cls: FRAME,
        bounds,
        selected: !this.selection.multiple && this.selection.has(row),
        onTap: () => {
          if (!this.selection.multiple) return this.selection.tap(row);
          this.previewing = row;
          this.host.preview();
        },
        children,
      };
    });
    return [{ cls: "android.widget.GridView", id: id("galleryGrid"), scrollable: true, bounds: [0, GRID_TOP, 1080, 2220], children: cells }];
  }

  private circle(row: MediaRow, bounds: Rect, element: TikTokElement): ViewNode {
    const number = this.selection.numberOf(row);
    return { cls: TEXT, id: this.host.id(element), text: number > 0 ? String(number) : "", bounds, onTap: () => this.selection.tap(row) };
  }
}
