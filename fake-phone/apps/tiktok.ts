import type { Intent } from "../shell/intent.js";
import type { MediaTable } from "../system/media-store.js";
import { type AppOptions, BaseApp } from "./base-app.js";
import { GallerySelection, gridCells } from "./gallery.js";
import type { Rect, UiNode } from "./ui-node.js";

export const TIKTOK_PACKAGE = "com.zhiliaoapp.musically";
/** The share target public scripts use; not a public API of TikTok's. */
export const TIKTOK_SHARE_ACTIVITY = "com.ss.android.ugc.aweme.share.SystemShareActivity";
export const TIKTOK_LAUNCHER_ACTIVITY = "com.ss.android.ugc.aweme.splash.SplashActivity";

export type TikTokScreen = "home" | "profile" | "switcher" | "camera" | "gallery" | "editor" | "post";
type GalleryTab = "All" | "Videos" | "Photos";

const TAB_TABLES: Record<GalleryTab, MediaTable[]> = { All: ["video", "images"], Videos: ["video"], Photos: ["images"] };
const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const BOTTOM_LEFT: Rect = [40, 2220, 520, 2360];
const BOTTOM_RIGHT: Rect = [560, 2220, 1040, 2360];

/**
 * TikTok's posting path as a screen machine: a share intent lands in the editor; the app's
 * own path goes Create → Upload → gallery → editor; then the post screen and Post.
 */
export class TikTokApp extends BaseApp<TikTokScreen> {
  readonly activities = [TIKTOK_LAUNCHER_ACTIVITY, TIKTOK_SHARE_ACTIVITY];
  protected readonly startScreen: TikTokScreen = "home";
  protected readonly loadErrorText = "Couldn't load the file";
  private tab: GalleryTab = "All";
  private readonly selection = new GallerySelection(true);

  constructor(options: AppOptions = {}) {
    super(TIKTOK_PACKAGE, options);
  }

  protected onIntent(activity: string, intent: Intent): void {
    if (activity === TIKTOK_SHARE_ACTIVITY && this.draftFromShare(intent)) this.resetTo("home", "editor");
  }

  protected render(screen: TikTokScreen): UiNode[] {
    switch (screen) {
      case "home":
        return this.home();
      case "profile":
        return this.profile();
      case "switcher":
        return this.switcher();
      case "camera":
        return [
          { cls: IMAGE, desc: "Close", bounds: [30, 90, 150, 210], onTap: () => this.close() },
          { cls: TEXT, text: "Record", bounds: [390, 1900, 690, 2200], onTap: () => this.events.push("record not modelled") },
          { cls: IMAGE, text: "Upload", desc: "Upload", id: this.id("upload_entry"), bounds: [780, 1950, 960, 2130], onTap: () => this.openGallery() },
        ];
      case "gallery":
        return this.gallery();
      case "editor":
        return [
          { cls: IMAGE, desc: "Sounds", bounds: [380, 100, 700, 200], onTap: () => this.events.push("sounds not modelled") },
          { cls: TEXT, text: "Next", id: this.id("editor_next"), bounds: [780, 2220, 1040, 2360], onTap: () => this.go("post") },
        ];
      case "post":
        return [
          this.field(this.id("title_input"), "Add a catchy title", [40, 200, 1040, 320]),
          this.field(this.id("caption_input"), "Add description...", [40, 340, 1040, 700]),
          { cls: TEXT, text: "Drafts", bounds: BOTTOM_LEFT, onTap: () => this.events.push("drafts not modelled") },
          { cls: TEXT, text: "Post", id: this.id("post_button"), bounds: BOTTOM_RIGHT, onTap: () => this.post() },
        ];
    }
  }

  private id(name: string): string {
    return `${this.package}:id/${name}`;
  }

  private home(): UiNode[] {
    const nodes: UiNode[] = [{ cls: TEXT, text: "For You", bounds: [380, 90, 700, 170] }];
    if (this.uploading() !== undefined) nodes.push({ cls: TEXT, text: "Posting...", id: this.id("upload_progress"), bounds: [40, 200, 600, 290] });
    if (this.toast !== undefined) nodes.push({ cls: TEXT, text: this.toast, bounds: [140, 1900, 940, 2000] });
    return [...nodes, ...this.nav("home")];
  }

  private profile(): UiNode[] {
    return [
      { cls: TEXT, text: this.account, desc: "Switch account", id: this.id("title_switch"), bounds: [290, 100, 790, 190], onTap: () => this.go("switcher") },
      { cls: TEXT, text: `@${this.account}`, id: this.id("profile_username"), bounds: [340, 560, 740, 620] },
      ...this.nav("profile"),
    ];
  }

  // A bottom sheet is a window of its own: the dump shows only the sheet.
  private switcher(): UiNode[] {
    const rows = this.accounts.map(
      (name, i): UiNode => ({
        cls: TEXT,
        text: name,
        id: this.id("account_row"),
        selected: name === this.account,
        bounds: [0, 1440 + i * 150, 1080, 1590 + i * 150],
        onTap: () => {
          if (name !== this.account) this.switchAccount(name);
          this.close();
        },
      }),
    );
    const addTop = 1440 + rows.length * 150;
    return [
      {
        cls: "android.widget.LinearLayout",
        bounds: [0, 1300, 1080, 2400],
        children: [
          { cls: TEXT, text: "Switch account", bounds: [0, 1320, 1080, 1420] },
          ...rows,
          { cls: TEXT, text: "Add account", bounds: [0, addTop, 1080, addTop + 150], onTap: () => this.events.push("add account not modelled") },
        ],
      },
    ];
  }

  private openGallery(): void {
    this.tab = "All";
    this.selection.clear();
    this.go("gallery");
  }

  private gallery(): UiNode[] {
    const rows = this.media.newestFirst(TAB_TABLES[this.tab]);
    const cells = gridCells(rows.length, 3, 340, 5);
    const items = rows.slice(0, cells.length).map(
      (row, i): UiNode => ({
        cls: IMAGE,
        id: this.id("gallery_item"),
        desc: `${row.table === "images" ? "Photo" : "Video"}, ${i + 1}`,
        bounds: cells[i] ?? [0, 0, 0, 0],
        selected: this.selection.has(row),
        onTap: () => this.selection.tap(row),
      }),
    );
    const tabs = (["All", "Videos", "Photos"] as const).map(
      (tab, i): UiNode => ({ cls: TEXT, text: tab, bounds: [i * 360, 220, (i + 1) * 360, 320], selected: tab === this.tab, onTap: () => this.pickTab(tab) }),
    );
    return [
      { cls: IMAGE, desc: "Close", bounds: [30, 90, 150, 210], onTap: () => this.close() },
      { cls: TEXT, text: "Recents", bounds: [380, 100, 700, 200] },
      ...tabs,
      ...items,
      {
        cls: TEXT,
        text: "Next",
        id: this.id("gallery_next"),
        bounds: [780, 2220, 1040, 2360],
        enabled: this.selection.size > 0,
        onTap: () => {
          this.startDraft(this.selection.picked(this.media.newestFirst()));
          this.go("editor");
        },
      },
    ];
  }

  private pickTab(tab: GalleryTab): void {
    this.tab = tab;
  }

  private post(): void {
    this.publish("feed", this.fieldValue(this.id("title_input")), this.fieldValue(this.id("caption_input")));
  }

  private nav(active: "home" | "profile"): UiNode[] {
    const cell = (i: number): Rect => [i * 216, 2250, (i + 1) * 216, 2400];
    return [
      { cls: TEXT, text: "Home", desc: "Home", bounds: cell(0), selected: active === "home", onTap: () => this.resetTo("home") },
      { cls: TEXT, text: "Friends", bounds: cell(1), onTap: () => this.events.push("friends not modelled") },
      { cls: IMAGE, desc: "Create", id: this.id("create_button"), bounds: cell(2), onTap: () => this.go("camera") },
      { cls: TEXT, text: "Inbox", bounds: cell(3), onTap: () => this.events.push("inbox not modelled") },
      { cls: TEXT, text: "Profile", desc: "Profile", id: this.id("profile_tab"), bounds: cell(4), selected: active === "profile", onTap: () => this.resetTo("home", "profile") },
    ];
  }
}
