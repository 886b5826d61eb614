import { FLAG_GRANT_READ_URI_PERMISSION, type Intent } from "../../shell/intent.js";
import { POST_NOTIFICATIONS, photoPermissions } from "../../system/permissions.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { Post } from "../app-model.js";
import { type AppOptions, BaseApp } from "../base-app.js";
import { INSTAGRAM_410, type InstagramBuild } from "./builds.js";
import type { BanScreen } from "./instagram-account-state.js";
import { InstagramGallery, type Destination } from "./instagram-gallery.js";
import { INSTAGRAM_URL_HANDLER, resolvesLink } from "./instagram-links.js";
import { InstagramShareRows, type ShareToggles } from "./instagram-share-rows.js";
import { tabBar } from "./instagram-tab-bar.js";
import { InstagramSocial } from "./instagram-social.js";
import type { InstagramScreen, InstagramTab } from "./instagram-ui.js";
import type { MediaRow } from "../../system/media-store.js";
import { type InstagramStrings, instagramStrings } from "./strings.js";

export type { InstagramScreen } from "./instagram-ui.js";
export { INSTAGRAM_URL_HANDLER } from "./instagram-links.js";

export const INSTAGRAM_PACKAGE = "com.instagram.android";
const HANDLERS = "com.instagram.share.handleractivity";
/** Share targets public scripts use; class names, not a public API of Instagram's. */
export const INSTAGRAM_REEL_SHARE = `${HANDLERS}.ReelShareHandlerActivity`;
export const INSTAGRAM_FEED_SHARE = `${HANDLERS}.ShareHandlerActivity`;
export const INSTAGRAM_STORY_SHARE = `${HANDLERS}.StoryShareHandlerActivity`;
export const INSTAGRAM_LAUNCHER_ACTIVITY = "com.instagram.mainactivity.LauncherActivity";

export interface InstagramOptions extends AppOptions {
  /** Which build is installed (builds.ts); default 410. */
  build?: InstagramBuild;
  /** Share stays disabled this long after the share screen opens ("on cold/new accounts", BS 2026). */
  shareDisabledMs?: number;
  /** Ids of the world's posts that are photos; the others are reels (videos). Default none. */
  photoPosts?: string[];
  /** Ids of the world's posts whose comments are limited (no input: GA's "Comments on this post have been limited."). */
  commentsLimited?: string[];
  /** What a banned account shows: GK's "We disabled your account" (default) or "We suspended your account". */
  bannedAs?: BanScreen;
}

const MAIN = "com.instagram.mainactivity.InstagramMainActivity";
type PostingScreen = "feed" | "profile" | "gallery" | "feedEditor" | "reelEditor" | "storyEditor" | "feedShare" | "reelShare";
const ACTIVITY: Record<PostingScreen, string> = {
  feed: MAIN,
  profile: MAIN,
  gallery: "com.instagram.modal.ModalActivity",
  feedEditor: "com.instagram.creation.activity.MediaCaptureActivity",
  reelEditor: "com.instagram.modal.TransparentModalActivity",
  storyEditor: "com.instagram.modal.TransparentModalActivity",
  feedShare: "com.instagram.creation.activity.MediaCaptureActivity",
  reelShare: "com.instagram.modal.TransparentModalActivity",
};

const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const FRAME = "android.widget.FrameLayout";
const BUTTON = "android.widget.Button";
/** How long "Done posting…" / "Posted!" stays after the upload. */
const DONE_SHOWN_MS = 5_000;

/**
 * Instagram's posting paths as a screen machine, drawn from recorded dumps (README "Facts"):
 * the share handlers open the reel, feed or story composer, but only when Instagram is
 * already running (fbsamples/share_to_reels_android#12: a cold start drops the media);
 * Create is a tab in older builds and a "Create New" button on the profile in 2025's; the
 * reel caption opens a full-screen editor closed with OK; the upload ends in a "Done
 * posting" / "Posted!" state, or "Video can't be posted". Other people's side (profiles,
 * posts, reels, comments, search, the account states) lives in the files this routes into,
 * with the SocialWorld as its truth.
 */
export class InstagramApp extends BaseApp<InstagramScreen> {
  readonly label = "Instagram";
  readonly activities = [INSTAGRAM_LAUNCHER_ACTIVITY, INSTAGRAM_REEL_SHARE, INSTAGRAM_FEED_SHARE, INSTAGRAM_STORY_SHARE, INSTAGRAM_URL_HANDLER];
  readonly build: InstagramBuild;
  protected readonly startScreen: InstagramScreen = "feed";
  private readonly gallery: InstagramGallery;
  private editingCaption = false;
  private shareScreenAt = 0;
  private readonly reuseShown = new Set<string>();
  private ended: { post: Post; ok: boolean; at: number } | undefined;
  private readonly shareRows: InstagramShareRows;
  private toggles: ShareToggles = { aiLabel: false, threads: false, facebook: false };
  private readonly social: InstagramSocial;

  constructor(private readonly instagramOptions: InstagramOptions = {}) {
    const build = instagramOptions.build ?? INSTAGRAM_410;
    super(INSTAGRAM_PACKAGE, instagramOptions, build);
    this.build = build;
    this.social = new InstagramSocial(
      {
        id: (name) => this.id(name),
        build,
        world: this.world,
        profile: () => this.sys.profile,
        account: () => this.account,
        running: () => this.running,
        screen: () => this.screenName,
        event: (text) => this.events.push(text),
        dp: () => this.dp,
        go: (screen) => this.go(screen),
        close: () => this.close(),
        showDialog: (dialog) => this.showDialog(dialog),
        closeDialog: (choice) => this.closeDialog(choice),
        dismissDialogs: () => this.dismissDialogs(),
        field: (key, hint, bounds, options) => this.field(key, hint, bounds, options),
        fieldValue: (key) => this.fieldValue(key),
        setField: (key, value) => this.setFieldValue(key, value),
        focus: (key) => this.fields.focus(key),
        blur: () => this.fields.blur(),
        focused: () => this.fields.focused,
        tabBar: (active) => this.tabs(active),
      },
      instagramOptions,
    );
    this.gallery = new InstagramGallery({
      id: (name) => this.id(name),
      build: this.build,
      strings: () => this.t,
      media: () => this.media,
      hasPhotos: () => this.sys.permissions.hasPhotos(this.package),
      askPhotos: () => this.ask(photoPermissions(this.sys.profile.sdk), () => undefined),
      close: () => this.close(),
      next: (destination, rows) => {
        this.startDraft(rows);
        this.openComposer(destination === "STORY" ? "storyEditor" : destination === "REEL" ? "reelEditor" : "feedEditor");
      },
    });
    this.shareRows = new InstagramShareRows({
      id: (name) => this.id(name),
      strings: () => this.t,
      dpY: () => this.dp.y,
      dpX: () => this.dp.x,
      event: (text) => this.events.push(text),
    });
  }

  /** A new post starts with its share screen's switches off and its list at the top. */
  protected override startDraft(media: MediaRow[]): void {
    super.startDraft(media);
    this.toggles = { aiLabel: false, threads: false, facebook: false };
    this.shareRows.reset();
  }

  protected override get loadErrorText(): string {
    return this.t.loadError;
  }

  manifestPermissions(sdk: number): string[] {
    return [...photoPermissions(sdk), POST_NOTIFICATIONS];
  }

  /**
   * An implicit intent limited to Instagram: a VIEW of an https instagram.com link goes to the
   * URL handler (instagram-links.ts). Nothing else resolves: the launcher filter declares no
   * DEFAULT, and a SEND by package would open a chooser, which is not modelled.
   */
  resolve(intent: Intent): string | undefined {
    return resolvesLink(intent) ? INSTAGRAM_URL_HANDLER : undefined;
  }

  protected onIntent(activity: string, intent: Intent, cold: boolean): void {
    if (activity === INSTAGRAM_URL_HANDLER) return this.social.openLink(intent.data ?? "", cold);
    if (cold) {
      // The handler starts the app but the composer never gets the media.
      this.events.push("share dropped: Instagram was not running");
      return;
    }
    if ((intent.flags & FLAG_GRANT_READ_URI_PERMISSION) === 0 && !this.sys.permissions.hasPhotos(this.package)) {
      this.events.push("share failed: no read permission for the stream");
      this.toast = this.t.loadError;
      return;
    }
    if (!this.draftFromShare(intent)) return;
    const image = this.draft?.[0]?.table === "images";
    const composer: InstagramScreen =
      activity === INSTAGRAM_STORY_SHARE ? "storyEditor" : activity === INSTAGRAM_FEED_SHARE && image ? "feedEditor" : "reelEditor";
    this.resetTo("feed");
    this.openComposer(composer);
  }

  protected activityOf(screen: InstagramScreen): string {
    return this.social.stateActivity() ?? (isPostingScreen(screen) ? ACTIVITY[screen] : MAIN);
  }

  protected override playing(screen: InstagramScreen): boolean {
    if (this.social.videoOnScreen(screen) !== undefined) return true;
    return (screen === "reelEditor" || screen === "gallery") && this.draftOrPreviewIsVideo(screen);
  }

  protected override onUploadEnded(post: Post, ok: boolean): void {
    this.ended = { post, ok, at: Date.now() };
  }

  override back(): boolean {
    this.editingCaption = false;
    const taken = this.social.back();
    if (taken !== undefined) return taken;
    const went = super.back();
    // At the root the app goes to the background: its video leaves the screen.
    if (went) this.social.moved();
    else this.social.stopWatching();
    return went;
  }

  override launch(): void {
    if (!this.running) this.social.coldStart();
    super.launch();
    this.social.moved();
  }

  override start(activity: string, intent: Intent): void {
    if (!this.running) this.social.coldStart();
    super.start(activity, intent);
    // The intent's own navigation (a link) has moved already.
    this.social.sync();
  }

  override forceStop(): void {
    super.forceStop();
    this.social.stopWatching();
  }

  protected override go(screen: InstagramScreen): void {
    super.go(screen);
    this.social.moved();
  }

  protected override resetTo(...screens: InstagramScreen[]): void {
    super.resetTo(...screens);
    this.social.moved();
  }

  protected override close(): void {
    super.close();
    this.social.moved();
  }

  protected render(screen: InstagramScreen): ViewNode[] {
    return this.social.render(screen) ?? this.renderPosting(screen as PostingScreen);
  }

  private renderPosting(screen: PostingScreen): ViewNode[] {
    switch (screen) {
      case "feed":
        return this.feed();
      case "profile":
        return this.profile();
      case "gallery":
        return this.gallery.render();
      case "feedEditor":
        return [this.cancel(), { cls: TEXT, text: "Filter", bounds: [40, 2000, 520, 2100] }, this.nextButton(this.build.ids.filterNext, [880, 20, 1060, 140], () => this.openShare("feedShare"))];
      case "reelEditor":
        return [
          { cls: FRAME, desc: "Reel preview playing", bounds: [0, 150, 1080, 2050] },
          this.cancel(),
          { cls: BUTTON, desc: "Double tap for tools that edit your video clips.", bounds: [40, 2120, 400, 2260], onTap: () => this.events.push("edit video not modelled") },
          this.nextButton(this.build.ids.reelNext, [780, 2120, 1040, 2260], () => this.openShare("reelShare")),
        ];
      case "storyEditor":
        return this.storyEditor();
      case "feedShare":
        return this.shareScreen("feed");
      case "reelShare":
        return this.shareScreen("reel");
    }
  }

  private get t(): InstagramStrings {
    return instagramStrings(this.sys.profile.locale);
  }

  private id(name: string): string {
    return `${this.package}:id/${name}`;
  }

  private draftOrPreviewIsVideo(screen: InstagramScreen): boolean {
    if (screen === "gallery") return this.gallery.previewIsVideo();
    return this.draft?.some((row) => row.table === "video") === true;
  }

  private openComposer(screen: InstagramScreen): void {
    this.editingCaption = false;
    this.go(screen);
  }

  private openShare(screen: "feedShare" | "reelShare"): void {
    this.editingCaption = false;
    this.shareScreenAt = Date.now();
    this.go(screen);
    // An account's first reel gets the "New ways to reuse" sheet; OK is all it takes.
    if (screen === "reelShare" && !this.reuseShown.has(this.account)) {
      this.reuseShown.add(this.account);
      this.showDialog({
        title: this.t.reuseTitle,
        bounds: [0, 1400, 1080, 2400],
        cancelable: false,
        buttons: [{ text: "", desc: this.t.ok, id: this.id("bb_primary_action_container"), onTap: () => this.closeDialog("OK") }],
      });
    }
  }

  private cancel(): ViewNode {
    return { cls: BUTTON, desc: this.t.cancel, id: this.id("cancel_button"), bounds: [20, 20, 140, 140], onTap: () => this.close() };
  }

  private nextButton(id: string, bounds: Rect, onTap: () => void): ViewNode {
    const t = this.t;
    // The older builds' Next is an image with a description; the newer a button with a label.
    if (id === "next_button_imageview") return { cls: IMAGE, desc: t.next, id: this.id(id), bounds, onTap };
    if (id === "clips_right_action_button") return { cls: BUTTON, desc: t.next, id: this.id(id), bounds, onTap, children: [{ cls: TEXT, text: t.next, bounds }] };
    return { cls: TEXT, text: t.next, id: this.id(id), bounds, onTap };
  }

  private shareScreen(placement: "feed" | "reel"): ViewNode[] {
    const t = this.t;
    const ids = this.build.ids;
    const captionId = placement === "reel" ? ids.reelCaption : ids.feedCaption;
    const hint = placement === "reel" && this.build.captionHint === "new" ? t.captionHint.new : t.captionHint.old;
    const caption = this.field("caption", hint, [40, 700, 1040, 800], { id: this.id(captionId), multiline: true, maxLength: 2200, cls: "android.widget.AutoCompleteTextView" });
    const fullScreenEditor = placement === "reel" && this.build.captionHint === "new";
    if (fullScreenEditor && this.editingCaption) {
      // The caption editor fills the screen; only OK brings the composer back.
      return [
        { cls: TEXT, text: placement === "reel" ? t.newReel : t.newPost, id: this.id("action_bar_title"), bounds: [300, 20, 780, 140] },
        { cls: BUTTON, text: t.ok, desc: t.ok, id: this.id("action_bar_button_text"), bounds: [900, 20, 1060, 140], onTap: () => this.finishCaption() },
        { ...caption, bounds: [40, 200, 1040, 900] },
      ];
    }
    const enabled = Date.now() - this.shareScreenAt >= (this.instagramOptions.shareDisabledMs ?? 0);
    const list = this.build.shareScreen === "list";
    const share = () => this.publish(placement === "reel" ? "reel" : "feed", "", this.fieldValue("caption"), { aiLabel: list && this.toggles.aiLabel });
    const captionNode = fullScreenEditor ? { ...caption, onTap: () => this.editCaption() } : caption;
    const nodes: ViewNode[] = [
      { cls: IMAGE, desc: "Back", id: this.id("action_bar_button_back"), bounds: [20, 20, 140, 140], onTap: () => this.close() },
      { cls: TEXT, text: placement === "reel" ? t.newReel : t.newPost, id: this.id("action_bar_title"), bounds: [300, 20, 780, 140] },
    ];
    if (list) nodes.push(this.shareRows.render(placement, captionNode, this.toggles));
    else {
      nodes.push(
        captionNode,
        { cls: TEXT, text: t.tagPeople, bounds: [0, 1000, 1080, 1120], onTap: () => this.events.push("tag people not modelled") },
        { cls: TEXT, text: t.addLocation, bounds: [0, 1140, 1080, 1260], onTap: () => this.events.push("location not modelled") },
      );
    }
    if (ids.feedShare === "next_button_imageview" && placement === "feed") {
      // 2022's feed composer: Share is the arrow at the top right, an image with a description.
      nodes.push({ cls: IMAGE, desc: t.share, id: this.id("next_button_imageview"), bounds: [900, 20, 1060, 140], enabled, onTap: share });
    } else if (placement === "feed") {
      nodes.push({ cls: BUTTON, text: t.share, desc: t.share, id: this.id(ids.feedShare), bounds: [40, 2180, 1040, 2320], enabled, onTap: share });
    } else {
      nodes.push(
        { cls: BUTTON, desc: t.saveDraft, id: this.id("save_draft_button"), bounds: [40, 2180, 520, 2320], onTap: () => this.events.push("draft saved"), children: [{ cls: TEXT, text: t.saveDraft, bounds: [40, 2180, 520, 2320] }] },
        { cls: FRAME, desc: t.share, id: this.id(ids.reelShare), bounds: [560, 2180, 1040, 2320], enabled, onTap: share, children: [{ cls: TEXT, text: t.share, bounds: [560, 2180, 1040, 2320] }] },
      );
    }
    return nodes;
  }

  private editCaption(): void {
    this.editingCaption = true;
    this.fields.focus("caption");
  }

  private finishCaption(): void {
    this.editingCaption = false;
    this.fields.blur();
  }

  private storyEditor(): ViewNode[] {
    const t = this.t;
    const action = (desc: string, bounds: Rect, onTap: () => void): ViewNode => ({ cls: "android.view.ViewGroup", desc, bounds, onTap, children: [{ cls: TEXT, text: desc, bounds }] });
    return [
      this.cancel(),
      { cls: TEXT, text: t.storyCaption, id: this.id("add_caption_textview"), bounds: [200, 1800, 880, 1900], onTap: () => this.events.push("story caption not modelled") },
      {
        cls: "android.widget.LinearLayout",
        id: this.id("story_share_controls_action_bar"),
        bounds: [0, 2140, 1080, 2320],
        children: [
          action(t.yourStory, [20, 2160, 400, 2300], () => this.publish("story", "", "")),
          action(t.closeFriends, [420, 2160, 800, 2300], () => this.events.push("close friends not modelled")),
          { cls: IMAGE, desc: "Share to", bounds: [900, 2160, 1060, 2300], onTap: () => this.events.push("share to not modelled") },
        ],
      },
    ];
  }

  private feed(): ViewNode[] {
    const nodes: ViewNode[] = [{ cls: IMAGE, desc: "Instagram Home Feed", id: this.id("title_logo"), bounds: [200, 20, 600, 140] }];
    if (this.build.create === "profile") {
      // The "+" at the top left of the feed has no description (UM, February 2026); it opens the
      // creation gallery on its reel destination.
      nodes.push({ cls: "android.widget.LinearLayout", id: this.id("action_bar_buttons_container_left"), bounds: [0, 20, 140, 160], children: [{ cls: IMAGE, bounds: [20, 40, 120, 140], onTap: () => this.openGallery("REEL") }] });
    }
    nodes.push(...this.uploadRows());
    return [...nodes, this.tabs("feed")];
  }

  private uploadRows(): ViewNode[] {
    const t = this.t;
    const upload = this.uploading();
    const ended = this.ended !== undefined && Date.now() - this.ended.at < DONE_SHOWN_MS ? this.ended : undefined;
    const reel = (upload?.placement ?? ended?.post.placement) === "reel";
    if (upload === undefined && ended === undefined) return [];
    const status = upload !== undefined ? (reel ? t.sharingToReels : "") : ended?.ok === true ? (reel ? t.donePosting : t.posted) : t.cannotPost;
    if (reel) {
      // Reels: a snackbar above the tab bar.
      return [
        {
          cls: FRAME,
          id: this.id("igds_upload_snackbar"),
          bounds: [0, 2000, 1080, 2230],
          children: [
            { cls: TEXT, id: this.id("status_text"), text: status, bounds: [180, 2030, 900, 2110] },
            ...(upload !== undefined ? [{ cls: "android.widget.ProgressBar", id: this.id("progress_bar"), text: "18.0", bounds: [180, 2130, 1040, 2160] } satisfies ViewNode] : []),
            // Done: "Send it directly to friends" (GK, December 2025).
            ...(upload === undefined && ended?.ok === true ? [{ cls: BUTTON, id: this.id("upload_snackbar_button"), text: "Send", bounds: [900, 2030, 1060, 2110], onTap: () => undefined } satisfies ViewNode] : []),
          ],
        },
      ];
    }
    // Feed posts and stories: the pending row at the top of the feed.
    const sub = upload !== undefined ? t.postingTo(this.account) : ended?.ok === true ? "Want to send it to friends?" : "";
    const children: ViewNode[] = [{ cls: TEXT, id: this.id("row_pending_media_sub_status_textview"), text: sub, bounds: [180, 240, 1000, 300] }];
    if (upload !== undefined) children.push({ cls: "android.widget.ProgressBar", id: this.id("row_pending_media_progress_bar"), text: "90.0", bounds: [180, 300, 1040, 316] });
    if (upload === undefined) {
      children.unshift({ cls: TEXT, id: this.id("row_pending_media_status_textview"), text: status, bounds: [180, 170, 1000, 230] });
      // Posted: a Send button; failed: a discard button (GK, December 2025).
      children.push(
        ended?.ok === true
          ? { cls: BUTTON, desc: "Send", id: this.id("row_pending_media_reshare_button"), bounds: [900, 180, 1060, 300], onTap: () => undefined }
          : { cls: IMAGE, id: this.id("row_pending_media_discard_button"), bounds: [900, 180, 1060, 300], onTap: () => undefined },
      );
    }
    return [{ cls: "android.widget.LinearLayout", id: this.id("row_pending_container"), bounds: [0, 160, 1080, 320], children }];
  }

  private profile(): ViewNode[] {
    const t = this.t;
    const posts = this.profilePosts();
    const count = String(posts.length);
    const tiles = posts.slice(0, 9).map(
      (post, i): ViewNode => ({
        cls: "android.widget.Button",
        id: this.id("image_button"),
        desc: `${post.kind === "video" ? "Reel" : "Photo"} by ${this.account} at row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}`,
        bounds: [(i % 3) * 360, 900 + Math.floor(i / 3) * 480, (i % 3) * 360 + 358, 900 + Math.floor(i / 3) * 480 + 478],
        onTap: () => this.events.push("post view not modelled"),
      }),
    );
    const nodes: ViewNode[] = [];
    if (this.build.create === "profile") {
      nodes.push({ cls: "android.widget.LinearLayout", id: this.id("left_action_bar_buttons"), bounds: [0, 20, 140, 160], children: [{ cls: IMAGE, desc: t.createNew, bounds: [0, 20, 120, 160], onTap: () => this.openCreateSheet() }] });
    }
    nodes.push(
      {
        cls: "android.widget.LinearLayout",
        id: this.id("action_bar_username_container"),
        bounds: [160, 20, 760, 160],
        onTap: () => this.openSwitcher(),
        children: [
          { cls: TEXT, id: this.id("action_bar_title"), text: this.account, desc: this.account, bounds: [170, 40, 680, 140] },
          { cls: IMAGE, id: this.id("action_bar_title_chevron"), bounds: [690, 60, 750, 120] },
        ],
      },
      {
        cls: "android.view.View",
        id: this.id(this.build.create === "profile" ? "profile_header_post_count_front_familiar" : "row_profile_header_post_count_container"),
        desc: `${count}${t.posts}`,
        bounds: [300, 300, 500, 420],
        onTap: () => undefined,
        children: [
          { cls: TEXT, id: this.id(this.build.ids.postCount), text: count, bounds: [300, 300, 500, 360] },
          { cls: TEXT, text: t.posts, bounds: [300, 360, 500, 420] },
        ],
      },
      ...tiles,
      this.tabs("profile"),
    );
    return nodes;
  }

  private openSwitcher(): void {
    const t = this.t;
    const row = this.build.ids.switcherRow;
    this.showDialog({
      title: "",
      bounds: [0, 1300, 1080, 2400],
      cancelable: true,
      buttons: [
        ...this.accounts.map((name) => ({
          // 2025's rows are ViewGroups known by their description; older ones TextViews with an id.
          text: row === "" ? "" : name,
          desc: row === "" ? name : undefined,
          id: row === "" ? undefined : this.id(row),
          onTap: () => {
            if (name !== this.account) this.switchAccount(name);
            this.closeDialog(name);
          },
        })),
        { text: t.addAccount, onTap: () => this.events.push("add account not modelled") },
      ],
    });
  }

  private openCreateSheet(): void {
    const t = this.t;
    const open = (destination: Destination) => () => {
      this.closeDialog(destination);
      this.openGallery(destination);
    };
    this.showDialog({
      title: t.create,
      bounds: [0, 1300, 1080, 2400],
      cancelable: true,
      buttons: [
        { text: "Reel", desc: t.createReel, onTap: open("REEL") },
        { text: "Post", desc: t.createPost, onTap: open("POST") },
        { text: "Story", desc: t.createStory, onTap: open("STORY") },
      ],
    });
  }

  private openGallery(destination: Destination): void {
    this.gallery.open(destination);
    this.go("gallery");
  }

  private tabs(active: InstagramTab): ViewNode {
    return tabBar(
      {
        id: (name) => this.id(name),
        build: this.build,
        strings: () => this.t,
        event: (text) => this.events.push(text),
        create: () => this.openGallery("POST"),
        open: (tab) => {
          if (tab === "search") this.social.searchTab();
          this.resetTo(...(tab === "feed" ? (["feed"] as const) : tab === "profile" ? (["feed", "profile"] as const) : tab === "search" ? (["feed", "explore"] as const) : (["feed", "reels"] as const)));
        },
      },
      active,
    );
  }
}

function isPostingScreen(screen: InstagramScreen): screen is PostingScreen {
  return Object.hasOwn(ACTIVITY, screen);
}

