import { ACTION_VIEW, CATEGORY_BROWSABLE, CATEGORY_DEFAULT, FLAG_GRANT_READ_URI_PERMISSION, type Intent, matchesFilter } from "../../shell/intent.js";
import { CAMERA, READ_CONTACTS, RECORD_AUDIO, POST_NOTIFICATIONS, photoPermissions, READ_MEDIA_VISUAL_USER_SELECTED } from "../../system/permissions.js";
import type { MediaRow } from "../../system/media-store.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { ScreenDrawing } from "../../screen/screen-model.js";
import type { Post } from "../app-model.js";
import { type AppOptions, BaseApp } from "../base-app.js";
import type { SocialPost } from "../social-world.js";
import { type TikTokBuild, type TikTokElement, TIKTOK_43 } from "./builds.js";
import { type TikTokCaptcha, TikTokAccountState } from "./tiktok-account-state.js";
import { TikTokAddLink } from "./tiktok-add-link.js";
import { TikTokCommentSheet } from "./tiktok-comment-sheet.js";
import { TikTokDraft } from "./tiktok-draft.js";
import { TikTokGallery } from "./tiktok-gallery.js";
import { TikTokPostOptions } from "./tiktok-post-options.js";
import { TikTokPostScreen } from "./tiktok-post-screen.js";
import { TikTokSearch } from "./tiktok-search.js";
import { socialLink } from "./tiktok-social-links.js";
import type { TikTokSocialUi } from "./tiktok-social-ui.js";
import { TikTokSoundPage } from "./tiktok-sound-page.js";
import { soundPill } from "./tiktok-sound-pill.js";
import { type SheetContext, TikTokSoundSheet } from "./tiktok-sound-sheet.js";
import { SoundLibrary, TIKTOK_LINK_HOSTS, TIKTOK_SOUNDS, type TikTokSound, linkTarget } from "./tiktok-sounds.js";
import { BUTTON, FRAME, IMAGE, TEXT, type TikTokPage, type TikTokScreen } from "./tiktok-ui.js";
import { TikTokUserProfile, type UserScreen } from "./tiktok-user-profile.js";
import { TikTokVideoPages, type VideoScreen } from "./tiktok-video-page.js";
import { VideoPager } from "./tiktok-video-pager.js";
import { TikTokWatching } from "./tiktok-watching.js";
import { type TikTokStrings, tiktokStrings } from "./strings.js";

export type { TikTokScreen } from "./tiktok-ui.js";

export const TIKTOK_PACKAGE = "com.zhiliaoapp.musically";
/** The share target public scripts use (a SplashActivity subclass); not a public API of TikTok's. */
export const TIKTOK_SHARE_ACTIVITY = "com.ss.android.ugc.aweme.share.SystemShareActivity";
export const TIKTOK_LAUNCHER_ACTIVITY = "com.ss.android.ugc.aweme.splash.SplashActivity";
/** Where tiktok.com links land (APK 43.7.3's manifest: launchMode singleTask); also reachable with -n. */
export const TIKTOK_DEEP_LINK_ACTIVITY = "com.ss.android.ugc.aweme.deeplink.DeepLinkHandlerActivity";

const AWEME = "com.ss.android.ugc.aweme";
const ACTIVITY: Record<TikTokPage, string> = {
  home: `${AWEME}.main.MainActivity`,
  profile: `${AWEME}.main.MainActivity`,
  camera: `${AWEME}.shortvideo.ui.VideoRecordNewActivity`,
  gallery: `${AWEME}.mediachoose.MediaChooseActivity`,
  preview: `${AWEME}.mediachoose.MediaPreviewActivity`,
  editor: `${AWEME}.shortvideo.edit.VEVideoPublishEditActivity`,
  post: `${AWEME}.shortvideo.publish.VideoPublishActivity`,
  detail: `${AWEME}.detail.ui.DetailActivity`,
  // The model's own names: no source records them.
  search: `${AWEME}.search.activity.SearchResultActivity`,
  sound: `${AWEME}.music.ui.MusicDetailActivity`,
  // Pages of the post screen's activity.
  moreOptions: `${AWEME}.shortvideo.publish.VideoPublishActivity`,
  showcase: `${AWEME}.shortvideo.publish.VideoPublishActivity`,
  productName: `${AWEME}.shortvideo.publish.VideoPublishActivity`,
};
/** Another user's profile: the model's own name (no source records it). A video page is DetailActivity (TKT43). */
const USER_ACTIVITY = `${AWEME}.profile.ui.UserProfileActivity`;

export interface TikTokOptions extends AppOptions {
  /** Which build is installed (builds.ts); default 43.1.4. */
  build?: TikTokBuild;
  /** "Publish video publicly?" before an account's first post (TAKT). Default true. */
  confirmFirstPost?: boolean;
  /** The sounds the app knows (search, the sheet, links); default TIKTOK_SOUNDS. */
  sounds?: readonly TikTokSound[];
  /** Ids of sounds every account has favourited already, newest first; default none. */
  favorites?: string[];
  /** How long a sound's page, the sheet's lists and search results take to show; default 1500 ms. */
  soundLoadMs?: number;
  /** Product names in the account's showcase; default [] (not eligible: no "Products" link). */
  showcase?: string[];
  /** TikTok attaches a sound by itself to photo posts (MANHWA, GEEL-TT); default true. */
  autoSoundOnPhotos?: boolean;
  /** Short links' codes (`https://vm.tiktok.com/<code>/`, `vt.`, `/t/<code>/`) to the world's post ids; default none. */
  shortLinks?: Record<string, string>;
  /** Which captcha the `captcha` state shows (CS): "puzzle" (default) or "rotate". */
  captcha?: TikTokCaptcha;
}

/**
 * TikTok's posting path as a screen machine, drawn from what public scripts record of real
 * builds (README "Facts"): a share intent lands in the editor; the app's own path goes
 * Create → camera → Upload → gallery → editor; then the post screen and Post, an upload
 * badge with a percentage at the top left, and no lasting text when it is done: the post
 * shows on the profile.
 */
export class TikTokApp extends BaseApp<TikTokScreen> {
  readonly label = "TikTok";
  readonly activities = [TIKTOK_LAUNCHER_ACTIVITY, TIKTOK_SHARE_ACTIVITY, TIKTOK_DEEP_LINK_ACTIVITY];
  readonly build: TikTokBuild;
  protected readonly startScreen: TikTokScreen = "home";
  private readonly gallery: TikTokGallery;
  private readonly library: SoundLibrary;
  private readonly draftState = new TikTokDraft();
  private readonly ui: TikTokSocialUi;
  private readonly sheet: TikTokSoundSheet;
  private readonly search: TikTokSearch;
  private readonly soundPage: TikTokSoundPage;
  private readonly postScreen: TikTokPostScreen;
  private readonly postOptions: TikTokPostOptions;
  private readonly addLink: TikTokAddLink;
  private readonly state: TikTokAccountState;
  private readonly feed: VideoPager;
  private readonly videoPages: TikTokVideoPages;
  private readonly userProfile: TikTokUserProfile;
  private readonly comments: TikTokCommentSheet;
  private readonly watching: TikTokWatching;
  /** The sound the camera has ("Use this sound", or picked from its pill); media picked from it keep it. */
  private cameraSound: TikTokSound | undefined;
  /** The sound the next draft starts with (the camera's, when the gallery was opened from it). */
  private nextDraftSound: TikTokSound | undefined;
  private editorPaused = false;
  private detailIndex = 0;
  private detailPaused = false;
  private lastUploadFailed = false;

  constructor(private readonly tiktokOptions: TikTokOptions = {}) {
    const build = tiktokOptions.build ?? TIKTOK_43;
    super(TIKTOK_PACKAGE, tiktokOptions, build);
    this.build = build;
    this.gallery = new TikTokGallery({
      id: (element) => this.id(element),
      strings: () => this.t,
      media: () => this.media,
      photoAccess: () => this.photoAccess(),
      askPhotos: () => this.ask(photoPermissions(this.sys.profile.sdk), () => undefined),
      close: () => this.close(),
      preview: () => this.go("preview"),
      next: (rows) => {
        this.startDraft(rows);
        this.editorPaused = false;
        this.go("editor");
      },
    });
    this.library = new SoundLibrary(tiktokOptions.sounds ?? TIKTOK_SOUNDS, tiktokOptions.favorites ?? []);
    this.ui = {
      id: (element) => this.id(element),
      strings: () => this.t,
      profile: () => this.sys.profile,
      dp: () => this.dp,
      account: () => this.account,
      event: (text) => this.events.push(text),
      field: (key, hint, bounds, options) => this.field(key, hint, bounds, options),
      fieldValue: (key) => this.fieldValue(key),
      setField: (key, value) => this.setFieldValue(key, value),
      focus: (key) => this.fields.focus(key),
      blur: () => this.fields.blur(),
      go: (screen) => this.go(screen),
      close: () => this.close(),
      showDialog: (dialog) => this.showDialog(dialog),
      closeDialog: (choice) => this.closeDialog(choice),
      loadMs: () => tiktokOptions.soundLoadMs ?? 1500,
      world: () => this.world,
      s: () => this.t.social,
      act: (what, run) => this.act(what, run),
      openUser: (name) => this.openUser(name),
      openVideos: (posts, index) => this.videoPages.open(posts, index),
      openComments: (post) => this.comments.open(post),
      media: () => this.media,
      photoAccess: () => this.photoAccess(),
      askPhotos: () => this.ask(photoPermissions(this.sys.profile.sdk), () => undefined),
      focusedField: () => this.fields.focused,
    };
    this.state = new TikTokAccountState(this.ui, () => tiktokOptions.captcha ?? "puzzle");
    this.feed = new VideoPager(() => this.world.feed, true, () => this.syncWatch());
    this.videoPages = new TikTokVideoPages(this.ui, () => this.syncWatch());
    this.userProfile = new TikTokUserProfile(this.ui);
    this.comments = new TikTokCommentSheet(this.ui);
    this.watching = new TikTokWatching(this.world, () => this.account, () => (this.running ? this.shownPost()?.id : undefined));
    this.sheet = new TikTokSoundSheet({
      ui: this.ui,
      library: this.library,
      draft: this.draftState,
      photos: () => this.draftKind() === "images",
      use: (sound, context) => this.useSound(sound, context),
    });
    this.soundPage = new TikTokSoundPage(this.ui, this.library, (sound) => {
      this.events.push(`use this sound: ${sound.title}`);
      this.openCamera(sound);
    });
    this.search = new TikTokSearch(this.ui, this.library, (sound) => this.soundPage.open(sound), (user) => this.userProfile.askUnfollow(user));
    this.postScreen = new TikTokPostScreen({
      ui: this.ui,
      build,
      draft: this.draftState,
      hasTitle: () => this.hasTitle(),
      post: () => this.post(),
      saveDraft: () => this.saveDraft(),
      moreOptions: () => this.postOptions.open(),
      addLink: () => this.addLink.open(),
    });
    this.postOptions = new TikTokPostOptions(this.ui, this.draftState);
    this.addLink = new TikTokAddLink(this.ui, this.draftState, () => tiktokOptions.showcase ?? []);
  }

  protected override get loadErrorText(): string {
    return this.t.couldNotLoad;
  }

  manifestPermissions(sdk: number): string[] {
    return [...photoPermissions(sdk), CAMERA, RECORD_AUDIO, READ_CONTACTS, POST_NOTIFICATIONS];
  }

  /**
   * An implicit intent limited to TikTok: a VIEW of a tiktok.com, vm. or vt. https link goes
   * to DeepLinkHandlerActivity (an App Link filter: DEFAULT and BROWSABLE, as the asset
   * statements in APK 43.7.3 imply). Nothing else resolves: the launcher filter declares no
   * DEFAULT, and a SEND by package would open a chooser among TikTok's share targets, which is
   * not modelled (am's "unable to resolve").
   */
  resolve(intent: Intent): string | undefined {
    const filter = { actions: [ACTION_VIEW], categories: [CATEGORY_DEFAULT, CATEGORY_BROWSABLE], schemes: ["https"], hosts: TIKTOK_LINK_HOSTS };
    return matchesFilter(intent, filter) ? TIKTOK_DEEP_LINK_ACTIVITY : undefined;
  }

  protected onIntent(activity: string, intent: Intent, cold: boolean): void {
    if (activity === TIKTOK_DEEP_LINK_ACTIVITY) return this.openLink(intent, cold);
    if (activity !== TIKTOK_SHARE_ACTIVITY) return;
    this.nextDraftSound = undefined;
    // The stream is readable with the intent's grant, or with the app's own photo access.
    const granted = (intent.flags & FLAG_GRANT_READ_URI_PERMISSION) !== 0 || this.photoAccess() === "full";
    if (granted && this.draftFromShare(intent)) {
      this.editorPaused = false;
      this.resetTo("home", "editor");
    } else if (!granted) {
      this.events.push("share failed: no read permission for the stream");
      this.toast = this.t.couldNotLoad;
    }
  }

  protected activityOf(screen: TikTokScreen): string {
    const page = screen.startsWith("user:") ? USER_ACTIVITY : screen.startsWith("video:") ? ACTIVITY.detail : ACTIVITY[screen as TikTokPage];
    const covering = this.state.covering();
    return covering === undefined ? page : this.state.activity(covering, page);
  }

  /**
   * A link while TikTok was not running starts it at the home feed and is lost (the harder
   * case: IOSFARM, on iOS, retries its music deep link up to 3 times); while it runs, a sound
   * link opens that sound's page over whatever was in front.
   */
  private openLink(intent: Intent, cold: boolean): void {
    if (cold) {
      this.events.push(`deep link dropped: TikTok was not running (${intent.data ?? ""})`);
      return;
    }
    const social = intent.data === undefined ? undefined : socialLink(intent.data);
    const shortPost = social !== undefined && "short" in social ? this.tiktokOptions.shortLinks?.[social.short] : undefined;
    if (social !== undefined && ("user" in social || "post" in social || shortPost !== undefined)) {
      this.dismissDialogs();
      if ("user" in social) return this.openUser(social.user);
      const post = this.world.post("post" in social ? social.post : (shortPost ?? ""));
      return this.videoPages.open(post === undefined ? [] : [post], 0);
    }
    const target = intent.data === undefined ? "other" : linkTarget(intent.data, this.library.all());
    if (target === "other") {
      this.events.push(`deep link not modelled: ${intent.data ?? "(no data)"}`);
      return;
    }
    this.dismissDialogs();
    this.soundPage.open(target.sound);
  }

  // ---- the social screens: the feed's and video pages' watching, the account states ----

  /** A state covering the app takes every dialog out of sight (a sheet under a captcha is gone). */
  override draw(): ScreenDrawing {
    if (this.state.covering() !== undefined && this.dialogShowing !== undefined) this.dismissDialogs();
    return super.draw();
  }

  /**
   * BACK: the captcha takes it and stays (CS: it must be solved); the log-in and banned screens
   * are the app's root, so the app goes to the background.
   */
  override back(): boolean {
    const covering = this.state.covering();
    if (covering === "captcha") return true;
    if (covering !== undefined) return false;
    const went = super.back();
    this.syncWatch();
    return went;
  }

  override launch(): void {
    super.launch();
    this.syncWatch();
  }

  override start(activity: string, intent: Intent): void {
    super.start(activity, intent);
    this.syncWatch();
  }

  override forceStop(): void {
    super.forceStop();
    this.syncWatch();
  }

  protected override go(screen: TikTokScreen): void {
    super.go(screen);
    this.syncWatch();
  }

  protected override close(): void {
    super.close();
    this.syncWatch();
  }

  protected override resetTo(...screens: TikTokScreen[]): void {
    super.resetTo(...screens);
    this.syncWatch();
  }

  /** A world action through the account's state; a state it brings covers the app at once. */
  private act(what: string, run: () => void): boolean {
    const done = this.state.guard(what, run);
    if (this.state.covering() !== undefined) {
      this.dismissDialogs();
      this.fields.blur();
    }
    this.syncWatch();
    return done;
  }

  private openUser(name: string): void {
    if (name.replace(/^@/, "").toLowerCase() === this.account.toLowerCase()) return this.go("profile");
    this.userProfile.open(name);
  }

  /** The post on screen now: the feed's on home, a video page's; none under a covering state. */
  private shownPost(): SocialPost | undefined {
    const screen = this.screenName;
    if (screen === undefined || this.state.covering() !== undefined) return undefined;
    if (screen === "home") return this.feed.current();
    return screen.startsWith("video:") ? this.videoPages.current(screen as VideoScreen) : undefined;
  }

  private syncWatch(): void {
    this.watching.sync();
  }

  /** A new draft: the camera's sound if it came from there, else TikTok's own pick for photos. */
  protected override startDraft(media: MediaRow[]): void {
    super.startDraft(media);
    const photos = media.length > 0 && media.every((row) => row.table === "images");
    this.draftState.reset(this.nextDraftSound ?? (photos && this.tiktokOptions.autoSoundOnPhotos !== false ? this.autoSound(media) : undefined));
    this.nextDraftSound = undefined;
    if (this.draftState.sound !== undefined) this.events.push(`draft sound: ${this.draftState.sound.title}`);
  }

  /** Which sound TikTok picks by itself: one of the catalogue, the same for the same media. */
  private autoSound(media: readonly MediaRow[]): TikTokSound | undefined {
    const sounds = this.library.all();
    return sounds[(media[0]?.id ?? 0) % Math.max(1, sounds.length)];
  }

  private useSound(sound: TikTokSound, context: SheetContext): void {
    if (context === "camera") this.cameraSound = sound;
    else this.draftState.sound = sound;
    this.library.used(this.account, sound);
    this.events.push(`sound used: ${sound.title} (${context})`);
  }

  protected override playing(screen: TikTokScreen): boolean {
    if (this.state.covering() !== undefined) return false;
    if (screen === "home") return this.feed.playing;
    if (screen.startsWith("video:")) return this.videoPages.playing(screen as VideoScreen);
    if (screen === "editor") return !this.editorPaused && this.draftKind() === "video";
    return screen === "detail" && !this.detailPaused;
  }

  protected override onUploadEnded(_post: Post, ok: boolean): void {
    this.lastUploadFailed = !ok;
  }

  protected render(screen: TikTokScreen): ViewNode[] {
    const covering = this.state.covering();
    if (covering !== undefined) return this.state.render(covering);
    if (screen.startsWith("user:")) return this.userProfile.render(screen as UserScreen);
    if (screen.startsWith("video:")) return this.videoPages.render(screen as VideoScreen);
    switch (screen as TikTokPage) {
      case "home":
        return this.home();
      case "profile":
        return this.profile();
      case "camera":
        return this.camera();
      case "gallery":
        return this.gallery.render();
      case "preview":
        return this.gallery.renderPreview(() => this.close());
      case "editor":
        return this.editor();
      case "post":
        return this.postScreen.render();
      case "detail":
        return this.detail();
      case "search":
        return this.search.render();
      case "sound":
        return this.soundPage.render();
      case "moreOptions":
        return this.postOptions.render();
      case "showcase":
        return this.addLink.renderShowcase();
      case "productName":
        return this.addLink.renderName();
    }
    return [];
  }

  private get t(): TikTokStrings {
    return tiktokStrings(this.sys.profile.locale);
  }

  private id(element: TikTokElement): string {
    return `${this.package}:id/${this.build.ids[element]}`;
  }

  private photoAccess(): "full" | "partial" | "none" {
    const { permissions } = this.sys;
    if (permissions.hasPhotos(this.package)) return "full";
    return permissions.isGranted(this.package, READ_MEDIA_VISUAL_USER_SELECTED) ? "partial" : "none";
  }

  private draftKind(): Post["kind"] {
    return (this.draft ?? []).every((row) => row.table === "images") && (this.draft?.length ?? 0) > 0 ? "images" : "video";
  }

  private home(): ViewNode[] {
    const t = this.t;
    const nodes: ViewNode[] = [
      this.feed.render(this.ui, this.id("feedVideo")),
      { cls: TEXT, text: t.following, bounds: [300, 60, 520, 150], onTap: () => this.events.push("following feed not modelled") },
      { cls: TEXT, text: t.forYou, selected: true, bounds: [560, 60, 780, 150], onTap: () => undefined },
      { cls: IMAGE, desc: t.search, id: this.id("feedSearch"), bounds: [960, 50, 1060, 150], onTap: () => this.search.open() },
    ];
    const upload = this.uploading();
    if (upload !== undefined) {
      const start = upload.post.at;
      const share = upload.until === Number.POSITIVE_INFINITY ? 0.43 : (Date.now() - start) / Math.max(1, upload.until - start);
      nodes.push({ cls: TEXT, id: this.id("uploadBadge"), text: `${Math.min(99, Math.floor(share * 100))}%`, bounds: [30, 200, 150, 280] });
    } else if (this.lastUploadFailed) {
      nodes.push(
        { cls: TEXT, id: this.id("uploadFailed"), text: t.uploadFailed, bounds: [30, 200, 800, 300] },
        { cls: BUTTON, text: t.retry, bounds: [820, 200, 1050, 300], onTap: () => this.events.push("retry not modelled") },
      );
    }
    return [...nodes, this.nav("home")];
  }

  private profile(): ViewNode[] {
    const t = this.t;
    const posts = this.profilePosts();
    const cells = posts.slice(0, 9).map((_, i): ViewNode => {
      const bounds = gridCell(i);
      return {
        cls: FRAME,
        id: this.id("profileCell"),
        bounds,
        onTap: () => {
          this.detailIndex = i;
          this.detailPaused = false;
          this.go("detail");
        },
        children: [
          { cls: IMAGE, id: this.id("profileCover"), bounds },
          { cls: TEXT, id: this.id("profileViews"), text: "0", bounds: [bounds[0] + 20, bounds[3] - 70, bounds[0] + 200, bounds[3] - 10] },
        ],
      };
    });
    return [
      { cls: BUTTON, id: this.id("profileName"), text: this.account, bounds: [290, 20, 790, 110], onTap: () => this.openSwitcher() },
      { cls: IMAGE, desc: t.profileMenu, id: this.id("profileMenu"), bounds: [960, 20, 1060, 110], onTap: () => this.events.push("profile menu not modelled") },
      { cls: IMAGE, desc: "Profile photo", bounds: [440, 150, 640, 350], onTap: () => undefined },
      { cls: TEXT, id: this.id("profileUsername"), text: `@${this.account}`, bounds: [340, 380, 740, 440], onTap: () => this.events.push("username copied") },
      { cls: TEXT, text: t.following, bounds: [150, 520, 400, 580] },
      { cls: TEXT, text: t.followers, bounds: [420, 520, 660, 580] },
      { cls: TEXT, text: t.likes, bounds: [680, 520, 930, 580] },
      { cls: BUTTON, text: t.editProfile, bounds: [300, 620, 780, 720], onTap: () => this.events.push("edit profile not modelled") },
      { cls: "android.widget.GridView", id: this.id("profileGrid"), scrollable: true, bounds: [0, 800, 1080, 2240], children: cells },
      this.nav("profile"),
    ];
  }

  // The switcher is a bottom sheet, a window of its own: the dump shows only the sheet.
  private openSwitcher(): void {
    const t = this.t;
    this.showDialog({
      title: t.switchAccount,
      bounds: [0, 1200, 1080, 2400],
      cancelable: true,
      buttons: [
        ...this.accounts.map((name) => ({
          text: name,
          onTap: () => {
            if (name !== this.account) this.switchAccount(name);
            this.closeDialog(name);
          },
        })),
        { text: t.addAccount, onTap: () => this.events.push("add account not modelled") },
      ],
    });
  }

  private camera(): ViewNode[] {
    const t = this.t;
    const entry: Rect = this.build.uploadEntry === "right" ? [780, 1950, 960, 2170] : [30, 1980, 210, 2200];
    return [
      { cls: IMAGE, desc: t.close, id: this.id("cameraClose"), bounds: [30, 40, 150, 160], onTap: () => this.close() },
      soundPill(this.ui, "camera", this.cameraSound, () => this.sheet.open("camera"), () => {
        this.cameraSound = undefined;
        this.events.push("camera sound removed");
      }),
      { cls: TEXT, text: "60s", bounds: [380, 1780, 520, 1860], onTap: () => undefined },
      { cls: TEXT, text: "15s", bounds: [560, 1780, 700, 1860], onTap: () => undefined },
      // The shutter takes a photo when tapped: a mis-tap leaves the gallery path (TAKT).
      { cls: FRAME, desc: t.record, id: this.id("cameraShutter"), bounds: [390, 1900, 690, 2200], onTap: () => this.events.push("shutter: photo taken") },
      {
        cls: FRAME,
        id: this.id("cameraUpload"),
        bounds: entry,
        onTap: () => this.openGallery(),
        children: [
          { cls: IMAGE, bounds: [entry[0] + 30, entry[1], entry[2] - 30, entry[3] - 60] },
          { cls: TEXT, text: t.upload, bounds: [entry[0], entry[3] - 60, entry[2], entry[3]] },
        ],
      },
    ];
  }

  private openGallery(): void {
    this.nextDraftSound = this.cameraSound;
    this.gallery.open();
    this.go("gallery");
  }

  private editor(): ViewNode[] {
    const t = this.t;
    const next: Rect = this.build.editorNext === "top" ? [820, 40, 1060, 140] : [780, 2200, 1060, 2340];
    const nodes: ViewNode[] = [
      { cls: FRAME, id: this.id("editorPreview"), bounds: [0, 0, 1080, 2180], onTap: () => (this.editorPaused = !this.editorPaused) },
      { cls: IMAGE, desc: t.back, bounds: [20, 40, 140, 160], onTap: () => this.close() },
      soundPill(this.ui, "editor", this.draftState.sound, () => this.sheet.open("editor"), () => {
        this.draftState.sound = undefined;
        this.events.push("sound removed");
      }),
      ...["Text", "Stickers", "Effects", "Filters"].map((desc, i): ViewNode => ({ cls: IMAGE, desc, bounds: [960, 300 + i * 150, 1060, 400 + i * 150], onTap: () => this.events.push(`${desc} not modelled`) })),
      { cls: BUTTON, text: t.next, id: this.id("editorNext"), bounds: next, onTap: () => this.go("post") },
    ];
    // Next to Next at the bottom: "Your Story" publishes at once, to the story (GEEL `qxr`).
    if (this.build.editorNext === "bottom") nodes.push({ cls: BUTTON, text: "Your Story", bounds: [20, 2200, 400, 2340], onTap: () => this.publish("story", "", "", { ...this.draftState.extras(), aiLabel: false }) });
    return nodes;
  }

  private hasTitle(): boolean {
    return this.build.titleField === "always" || this.draftKind() === "images";
  }

  private saveDraft(): void {
    this.events.push("saved to drafts");
    this.startDraft([]);
    this.resetTo("home");
  }

  private post(): void {
    const title = this.hasTitle() ? this.fieldValue("title") : "";
    const caption = this.fieldValue("description");
    const extras = this.draftState.extras();
    const go = () => {
      this.feed.play();
      this.publish("feed", title, caption, extras);
    };
    const first = this.posts.every((post) => post.account !== this.account);
    if (this.tiktokOptions.confirmFirstPost === false || !first) return go();
    const t = this.t;
    this.showDialog({
      title: t.publishTitle,
      bounds: [0, 1500, 1080, 2400],
      cancelable: false,
      buttons: [
        {
          text: t.publishNow,
          onTap: () => {
            this.closeDialog(t.publishNow);
            go();
          },
        },
        { text: t.cancel, onTap: () => this.closeDialog(t.cancel) },
      ],
    });
  }

  private detail(): ViewNode[] {
    const post = this.profilePosts()[this.detailIndex];
    const caption = post?.caption ?? "";
    // Long descriptions are cut to a few lines, with "more" to expand them.
    const shown = [...caption].length > 120 ? `${[...caption].slice(0, 100).join("")}… more` : caption;
    return [
      { cls: FRAME, bounds: [0, 0, 1080, 2240], onTap: () => (this.detailPaused = !this.detailPaused) },
      { cls: IMAGE, desc: this.t.back, id: this.id("detailBack"), bounds: [20, 40, 140, 160], onTap: () => this.close() },
      { cls: TEXT, text: `@${this.account}`, bounds: [40, 1860, 700, 1920] },
      { cls: TEXT, id: this.id("detailDescription"), text: shown, bounds: [40, 1930, 900, 2100] },
    ];
  }

  private nav(active: "home" | "profile"): ViewNode {
    const t = this.t;
    const cell = (i: number): Rect => [i * 216, 2250, (i + 1) * 216, 2400];
    const tab = (i: number, element: TikTokElement, label: string, onTap: () => void, selected = false): ViewNode => ({
      cls: FRAME,
      desc: label,
      id: this.id(element),
      bounds: cell(i),
      selected,
      onTap,
      children: [{ cls: TEXT, text: label, bounds: [i * 216, 2330, (i + 1) * 216, 2390] }],
    });
    return {
      cls: "android.widget.LinearLayout",
      id: this.id("navBar"),
      bounds: [0, 2250, 1080, 2400],
      children: [
        tab(0, "navHome", t.home, () => this.resetTo("home"), active === "home"),
        tab(1, "navFriends", t.friends, () => this.events.push("friends not modelled")),
        { cls: BUTTON, desc: t.create, id: this.id("navCreate"), bounds: cell(2), onTap: () => this.openCamera() },
        tab(3, "navInbox", t.inbox, () => this.events.push("inbox not modelled")),
        tab(4, "navProfile", t.profile, () => this.resetTo("home", "profile"), active === "profile"),
      ],
    };
  }

  /** Create opens the camera without a sound; "Use this sound" with that one attached (IOSFARM, iOS). */
  private openCamera(sound?: TikTokSound): void {
    this.cameraSound = sound;
    this.go("camera");
    // The camera asks for the camera, then the microphone; the gallery path needs neither.
    this.ask([CAMERA], () => this.ask([RECORD_AUDIO], () => undefined));
  }
}

function gridCell(i: number): Rect {
  const size = 360;
  const left = (i % 3) * size;
  const top = 800 + Math.floor(i / 3) * 480;
  return [left, top, left + size, top + 470];
}

