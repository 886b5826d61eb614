import type { MediaRow, MediaStore } from "../../system/media-store.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { GallerySelection } from "../gallery.js";
import type { InstagramBuild } from "./builds.js";
import type { InstagramStrings } from "./strings.js";

export type Destination = "POST" | "STORY" | "REEL";

const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const BUTTON = "android.widget.Button";
const CELL = 270;
const GRID_TOP = 1100;

export interface GalleryHost {
  id(name: string): string;
  build: InstagramBuild;
  strings(): InstagramStrings;
  media(): MediaStore;
  hasPhotos(): boolean;
  askPhotos(): void;
  close(): void;
  next(destination: Destination, rows: MediaRow[]): void;
}

/**
 * Instagram's gallery (GK December 2025 dumps; TN 2022): thumbnails are buttons described
 * as "Unselected Video thumbnail created on …"; the post gallery opens with the newest item
 * already picked, and "Select multiple" keeps it as number 1, so tapping it again unpicks it;
 * in the 2025 build the reel and story galleries open a tapped item at once.
 */
export class InstagramGallery {
  private destination: Destination = "POST";
  private readonly selection = new GallerySelection();

  constructor(private readonly host: GalleryHost) {}

  open(destination: Destination): void {
    this.destination = destination;
    this.selection.clear();
    if (!this.host.hasPhotos()) this.host.askPhotos();
    this.preselect();
  }

  /** The preview at the top plays the picked video. */
  previewIsVideo(): boolean {
    return this.destination === "POST" && this.selection.picked(this.rows())[0]?.table === "video";
  }

  render(): ViewNode[] {
    const modern = this.host.build.create === "profile";
    const header = modern && this.destination !== "POST" ? this.reelHeader() : this.postHeader(modern);
    return [...header, ...this.grid(modern), ...this.destinations()];
  }

  private rows(): MediaRow[] {
    return this.host.hasPhotos() ? this.host.media().newestFirst() : [];
  }

  private preselect(): void {
    const newest = this.rows()[0];
    if (this.destination === "POST" && newest !== undefined) this.selection.tap(newest);
  }

  private postHeader(modern: boolean): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    const ids = this.host.build.ids;
    const next = () => this.host.next(this.destination, this.selection.picked(this.rows()));
    const enabled = this.selection.size > 0;
    const multi = () => {
      this.selection.multiple = !this.selection.multiple;
    };
    return [
      { cls: IMAGE, desc: t.cancel, id: id("action_bar_cancel"), bounds: [20, 20, 140, 140], onTap: () => this.host.close() },
      { cls: TEXT, text: t.newPost, id: id("new_post_title"), bounds: [300, 30, 780, 130] },
      modern
        ? { cls: BUTTON, text: t.next, desc: t.next, id: id(ids.galleryNext), enabled, bounds: [880, 20, 1060, 140], onTap: next }
        : { cls: IMAGE, desc: t.next, id: id(ids.galleryNext), enabled, bounds: [900, 20, 1060, 140], onTap: next },
      { cls: "android.view.View", desc: "Video preview thumbnail", id: id("video_preview_view"), bounds: [0, 160, 1080, 980] },
      { cls: BUTTON, text: t.recents, id: id("gallery_folder_menu_tv"), bounds: [40, 1000, 400, 1080], onTap: () => undefined },
      modern
        ? {
            cls: "android.widget.LinearLayout",
            desc: "Select multiple button",
            id: id(ids.multiSelect),
            bounds: [640, 1000, 1040, 1080],
            onTap: multi,
            children: [{ cls: TEXT, text: t.selectMultiple.toUpperCase(), id: id("slideout_iconview_text"), bounds: [700, 1010, 1030, 1070] }],
          }
        : { cls: IMAGE, desc: t.selectMultiple, id: id(ids.multiSelect), bounds: [900, 1000, 1040, 1080], onTap: multi },
    ];
  }

  private reelHeader(): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    const nodes: ViewNode[] = [
      { cls: BUTTON, desc: t.backToHome, id: id("gallery_cancel_button"), bounds: [20, 20, 140, 140], onTap: () => this.host.close() },
      { cls: TEXT, text: this.destination === "REEL" ? t.newReel : t.addToStory, id: id("gallery_title_text"), bounds: [300, 30, 780, 130] },
      {
        cls: BUTTON,
        desc: `${t.selectMultiple}, activate to select multiple photos in your gallery`,
        id: id("gallery_menu_multi_select_button"),
        bounds: [900, 980, 1040, 1080],
        onTap: () => {
          this.selection.multiple = !this.selection.multiple;
        },
      },
    ];
    if (this.selection.multiple && this.selection.size > 0) {
      nodes.push({ cls: BUTTON, desc: t.next, id: id("media_thumbnail_tray_button"), bounds: [820, 2050, 1060, 2180], onTap: () => this.host.next(this.destination, this.selection.picked(this.rows())) });
    }
    return nodes;
  }

  private grid(modern: boolean): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    if (!this.host.hasPhotos()) {
      return [
        { cls: TEXT, text: "Allow access to your photos", bounds: [100, 1300, 980, 1400] },
        { cls: BUTTON, text: "Allow access", bounds: [340, 1440, 740, 1560], onTap: () => this.host.askPhotos() },
      ];
    }
    const opensAtOnce = modern && this.destination !== "POST" && !this.selection.multiple;
    const cells = this.rows()
      .slice(0, 12)
      .map((row, i): ViewNode => {
        const left = (i % 4) * CELL;
        const top = GRID_TOP + Math.floor(i / 4) * CELL;
        const bounds: Rect = [left, top, left + CELL - 2, top + CELL - 2];
        const kind = row.table === "video" ? "Video" : "Photo";
        const number = this.selection.numberOf(row);
        const desc = modern ? t.thumbnail(kind, this.selection.multiple ? number : number > 0, when(row.dateModified)) : `${kind} thumbnail`;
        const children: ViewNode[] = [];
        if (row.table === "video") children.push({ cls: TEXT, id: id("gallery_grid_item_label"), text: "0:15", bounds: [left + 170, top + 220, left + 260, top + 260] });
        if (this.selection.multiple) {
          children.push(
            modern
              ? { cls: "android.view.View", id: id("gallery_grid_item_selection_circle"), bounds: [left + 200, top + 10, left + 260, top + 70] }
              : { cls: "android.widget.CheckBox", checkable: true, checked: number > 0, bounds: [left + 200, top + 10, left + 260, top + 70] },
          );
        }
        return {
          cls: BUTTON,
          id: id("gallery_grid_item_thumbnail"),
          desc,
          bounds,
          onTap: () => {
            if (opensAtOnce) return this.host.next(this.destination, [row]);
            this.selection.tap(row);
          },
          children,
        };
      });
    return [{ cls: "android.widget.GridView", id: id("gallery_recycler_view"), scrollable: true, bounds: [0, GRID_TOP, 1080, 2230], children: cells }];
  }

  private destinations(): ViewNode[] {
    const { id } = this.host;
    const t = this.host.strings();
    const ids: Record<Destination, string> = { POST: "cam_dest_feed", STORY: "cam_dest_story", REEL: "cam_dest_clips" };
    return (["POST", "STORY", "REEL"] as const).map((destination, i) => ({
      cls: TEXT,
      text: t.tabs[destination],
      desc: t.tabs[destination],
      id: id(ids[destination]),
      selected: destination === this.destination,
      bounds: [300 + i * 160, 2250, 450 + i * 160, 2380] as const,
      onTap: () => {
        if (destination === this.destination) return;
        this.destination = destination;
        this.selection.clear();
        this.preselect();
      },
    }));
  }
}

/** "December 21, 2025 9:32 PM", as the thumbnails' descriptions give the time. */
function when(seconds: number): string {
  const date = new Date(seconds * 1000);
  const month = date.toLocaleString("en-US", { month: "long", timeZone: "UTC" });
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
}
