import type { Intent } from "../shell/intent.js";
import type { Placement } from "./app-model.js";
import { type AppOptions, BaseApp } from "./base-app.js";
import { GallerySelection, gridCells } from "./gallery.js";
import type { Rect, UiNode } from "./ui-node.js";

export const INSTAGRAM_PACKAGE = "com.instagram.android";
const HANDLERS = "com.instagram.share.handleractivity";
/** Share targets public scripts use; class names, not a public API of Instagram's. */
export const INSTAGRAM_REEL_SHARE = `${HANDLERS}.ReelShareHandlerActivity`;
export const INSTAGRAM_FEED_SHARE = `${HANDLERS}.ShareHandlerActivity`;
export const INSTAGRAM_STORY_SHARE = `${HANDLERS}.StoryShareHandlerActivity`;
export const INSTAGRAM_LAUNCHER_ACTIVITY = "com.instagram.mainactivity.LauncherActivity";

export type InstagramScreen = "feed" | "profile" | "switcher" | "gallery" | "reelEditor" | "feedEditor" | "storyEditor" | "reelShare" | "feedShare";
type GalleryTab = "POST" | "STORY" | "REEL";

const EDITOR_OF: Record<string, InstagramScreen> = {
  [INSTAGRAM_REEL_SHARE]: "reelEditor",
  [INSTAGRAM_FEED_SHARE]: "feedEditor",
  [INSTAGRAM_STORY_SHARE]: "storyEditor",
};
const TAB_EDITOR: Record<GalleryTab, InstagramScreen> = { POST: "feedEditor", STORY: "storyEditor", REEL: "reelEditor" };
const UPLOAD_TEXT: Record<Placement, string> = { reel: "Sharing to Reels…", feed: "Posting…", story: "Sharing…" };
const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const TOP_RIGHT: Rect = [780, 90, 1050, 190];

/**
 * Instagram's posting paths as a screen machine: the three share handlers open the reel,
 * feed or story editor; the app's own path goes Create → gallery (POST / STORY / REEL).
 */
export class InstagramApp extends BaseApp<InstagramScreen> {
  readonly activities = [INSTAGRAM_LAUNCHER_ACTIVITY, INSTAGRAM_REEL_SHARE, INSTAGRAM_FEED_SHARE, INSTAGRAM_STORY_SHARE];
  protected readonly startScreen: InstagramScreen = "feed";
  protected readonly loadErrorText = "Unable to load media";
  private tab: GalleryTab = "POST";
  private readonly selection = new GallerySelection(false);

  constructor(options: AppOptions = {}) {
    super(INSTAGRAM_PACKAGE, options);
  }

  protected onIntent(activity: string, intent: Intent): void {
    const editor = EDITOR_OF[activity];
    if (editor !== undefined && this.draftFromShare(intent)) this.resetTo("feed", editor);
  }

  protected render(screen: InstagramScreen): UiNode[] {
    switch (screen) {
      case "feed":
        return this.feed();
      case "profile":
        return [
          { cls: TEXT, text: this.account, id: this.id("action_bar_title"), bounds: [40, 90, 700, 190], onTap: () => this.go("switcher") },
          ...this.nav("profile"),
        ];
      case "switcher":
        return this.switcher();
      case "gallery":
        return this.gallery();
      case "reelEditor":
        return [
          { cls: IMAGE, desc: "Audio", bounds: [40, 2220, 200, 2360], onTap: () => this.events.push("audio not modelled") },
          this.next(() => this.go("reelShare")),
        ];
      case "feedEditor":
        return [{ cls: TEXT, text: "Filter", bounds: [40, 2220, 520, 2360] }, this.next(() => this.go("feedShare"))];
      case "storyEditor":
        return [
          { cls: TEXT, text: "Your story", desc: "Your story", id: this.id("story_share_button"), bounds: [40, 2220, 520, 2360], onTap: () => this.publish("story", "", "") },
          { cls: TEXT, text: "Close Friends", bounds: [560, 2220, 1040, 2360], onTap: () => this.events.push("close friends not modelled") },
        ];
      case "reelShare":
        return this.share("New reel", "reel");
      case "feedShare":
        return this.share("New post", "feed");
    }
  }

  private id(name: string): string {
    return `${this.package}:id/${name}`;
  }

  private feed(): UiNode[] {
    const nodes: UiNode[] = [{ cls: IMAGE, desc: "Instagram", bounds: [40, 90, 400, 190] }];
    const uploading = this.uploading();
    if (uploading !== undefined) nodes.push({ cls: TEXT, text: UPLOAD_TEXT[uploading], id: this.id("upload_progress"), bounds: [0, 200, 1080, 300] });
    if (this.toast !== undefined) nodes.push({ cls: TEXT, text: this.toast, bounds: [140, 1900, 940, 2000] });
    return [...nodes, ...this.nav("feed")];
  }

  private switcher(): UiNode[] {
    const rows = this.accounts.map(
      (name, i): UiNode => ({
        cls: TEXT,
        text: name,
        id: this.id("row_user_primary_name"),
        selected: name === this.account,
        bounds: [0, 1440 + i * 150, 1080, 1590 + i * 150],
        onTap: () => {
          if (name !== this.account) this.switchAccount(name);
          this.close();
        },
      }),
    );
    return [{ cls: "android.widget.LinearLayout", bounds: [0, 1400, 1080, 2400], children: rows }];
  }

  private gallery(): UiNode[] {
    const rows = this.media.newestFirst();
    const cells = gridCells(rows.length, 4, 1100, 4);
    const items = rows.slice(0, cells.length).map(
      (row, i): UiNode => ({
        cls: IMAGE,
        id: this.id("gallery_grid_item_thumbnail"),
        desc: `${row.table === "images" ? "Photo" : "Video"} thumbnail, ${i + 1}`,
        bounds: cells[i] ?? [0, 0, 0, 0],
        selected: this.selection.has(row),
        onTap: () => this.selection.tap(row),
      }),
    );
    const tabs = (["POST", "STORY", "REEL"] as const).map(
      (tab, i): UiNode => ({ cls: TEXT, text: tab, bounds: [i * 360, 2250, (i + 1) * 360, 2400], selected: tab === this.tab, onTap: () => this.pickTab(tab) }),
    );
    return [
      { cls: IMAGE, desc: "Close", bounds: [30, 90, 150, 190], onTap: () => this.close() },
      { cls: TEXT, text: "New post", bounds: [300, 90, 760, 190] },
      {
        ...this.next(() => {
          this.startDraft(this.selection.picked(rows));
          this.go(TAB_EDITOR[this.tab]);
        }),
        enabled: this.selection.size > 0,
      },
      { cls: TEXT, text: "Recents", bounds: [40, 1000, 400, 1090] },
      {
        cls: TEXT,
        text: "Select multiple",
        id: this.id("multi_select_button"),
        bounds: [640, 1000, 1040, 1090],
        selected: this.selection.multiple,
        onTap: () => {
          this.selection.multiple = !this.selection.multiple;
        },
      },
      ...items,
      ...tabs,
    ];
  }

  private pickTab(tab: GalleryTab): void {
    this.tab = tab;
  }

  private share(title: string, placement: Placement): UiNode[] {
    const caption = this.id("caption_input_text_view");
    return [
      { cls: TEXT, text: title, bounds: [300, 90, 780, 190] },
      this.field(caption, "Write a caption...", [40, 300, 1040, 600]),
      { cls: "android.widget.Button", text: "Share", id: this.id("share_button"), bounds: [40, 2220, 1040, 2360], onTap: () => this.publish(placement, "", this.fieldValue(caption)) },
    ];
  }

  private next(onTap: () => void): UiNode {
    return { cls: TEXT, text: "Next", id: this.id("next_button_textview"), bounds: TOP_RIGHT, onTap };
  }

  private nav(active: "feed" | "profile"): UiNode[] {
    const cell = (i: number): Rect => [i * 216, 2250, (i + 1) * 216, 2400];
    const tab = (i: number, desc: string, onTap: () => void, id?: string): UiNode => ({ cls: IMAGE, desc, id, bounds: cell(i), onTap });
    return [
      { ...tab(0, "Home", () => this.resetTo("feed"), this.id("feed_tab")), selected: active === "feed" },
      tab(1, "Search and explore", () => this.events.push("search not modelled")),
      tab(2, "Create", () => this.openGallery(), this.id("creation_tab")),
      tab(3, "Reels", () => this.events.push("reels not modelled")),
      { ...tab(4, "Profile", () => this.resetTo("feed", "profile"), this.id("profile_tab")), selected: active === "profile" },
    ];
  }

  private openGallery(): void {
    this.tab = "POST";
    this.selection.clear();
    this.go("gallery");
  }
}
