import type { Intent } from "../shell/intent.js";
import { stringExtra } from "../shell/intent.js";
import type { AppDialog, ScreenDrawing } from "../screen/screen-model.js";
import type { MediaRow, MediaStore } from "../system/media-store.js";
import { POST_NOTIFICATIONS } from "../system/permissions.js";
import { solidPng } from "../system/png.js";
import type { Rect } from "../window/rect.js";
import { contentArea } from "../window/system-bars.js";
import { DESIGN_HEIGHT, DESIGN_WIDTH, type ViewNode } from "../window/view.js";
import type { AppModel, AppSystem, Placement, Post, PostExtras } from "./app-model.js";
import { SocialWorld } from "./social-world.js";
import { TextFields } from "./text-fields.js";

/** Options every app model takes. */
export interface AppOptions {
  /** Package name; each app has its real one as default (a clone's differs). */
  package?: string;
  /** Logged-in accounts; the first is current. Default ["fake_creator"]. */
  accounts?: string[];
  /** How long the upload runs after posting. Default 1500 ms. */
  uploadMs?: number;
  /** The upload never ends. */
  uploadNeverFinishes?: boolean;
  /** The upload ends in the app's failure state: nothing goes live. */
  uploadFails?: boolean;
  /** Texts, content-descs or resource ids (full or the part after ":id/") never shown. */
  hidden?: string[];
  /** The app asks for notifications at its first start (Android 13+ apps do). Default true. */
  asksNotifications?: boolean;
  /** Posts each account already has on its profile (captions "earlier post N"). Default 0. */
  existingPosts?: number;
  /** Other users, the feed and what the accounts did to them; default a small world of its own. */
  world?: SocialWorld;
}

/** An app's own dialog: a title, a message and buttons, as AlertDialog lays them out. */
export interface DialogSpec {
  title: string;
  message?: string;
  buttons: Array<{ text: string; id?: string; desc?: string; onTap: () => void }>;
  /** BACK or a tap outside closes it; false for sheets that must be answered. */
  cancelable: boolean;
  /** Design-space bounds; default a centred card. */
  bounds?: Rect;
  /** A sheet's own views (design space, inside `bounds`) instead of the title, message and buttons. */
  render?: () => ViewNode[];
  /** BACK when the sheet steps back inside itself first; default: as a tap outside. */
  back?: () => void;
  /** What cancelling does besides closing it (a switch the dialog asked about goes back off). */
  onCancel?: () => void;
}

interface Upload {
  post: Post;
  placement: Placement;
  until: number;
}

/** What the app's profile shows: its posts, newest first, with the caption each went out with. */
export interface ProfilePost {
  caption: string;
  kind: Post["kind"];
  at: number;
}

const TEXT = "android.widget.TextView";

/**
 * What TikTok and Instagram have in common: a back stack of screens, text fields with hints
 * and focus, accounts, the app's dialogs, runtime permission requests, the upload, and the
 * record of what was posted. A subclass draws each screen as views whose nodes carry their
 * tap handlers, so the dump and the taps can never disagree.
 */
export abstract class BaseApp<S extends string> implements AppModel {
  readonly package: string;
  /** Everything the app sent (Post or Share tapped with readable media), oldest first. */
  readonly posts: Post[] = [];
  /** What happened, for test failure messages and assertions ("launch", "post reel video as x"…). */
  readonly events: string[] = [];
  abstract readonly label: string;
  readonly versionName: string;
  readonly versionCode: number;
  abstract readonly activities: readonly string[];
  protected abstract readonly startScreen: S;
  /** The toast shown when a shared uri cannot be read. */
  protected abstract readonly loadErrorText: string;
  /** A toast-like message on the start screen until the next navigation. */
  protected toast: string | undefined;
  protected readonly fields = new TextFields(() => this.system?.keyboard);
  /** Other users' profiles and posts, follows, likes, comments, watches, and the accounts' states. */
  readonly world: SocialWorld;

  private stack: S[] = [];
  private readonly accountList: string[];
  private current: string;
  private draftMedia: MediaRow[] | undefined;
  private readonly dialogs: DialogSpec[] = [];
  private readonly uploads: Upload[] = [];
  private readonly profiles = new Map<string, ProfilePost[]>();
  private readonly hidden: ReadonlySet<string>;
  private system: AppSystem | undefined;
  private readonly screenshots = new Map<string, Buffer>();

  constructor(
    defaultPackage: string,
    protected readonly options: AppOptions,
    version: { versionName: string; versionCode: number },
  ) {
    this.package = options.package ?? defaultPackage;
    this.versionName = version.versionName;
    this.versionCode = version.versionCode;
    this.accountList = [...(options.accounts ?? ["fake_creator"])];
    this.current = this.accountList[0] ?? "fake_creator";
    this.hidden = new Set(options.hidden ?? []);
    this.world = options.world ?? new SocialWorld();
    const earlier = Array.from({ length: options.existingPosts ?? 0 }, (_, i): ProfilePost => ({ caption: `earlier post ${i + 1}`, kind: "video", at: Date.now() - (i + 1) * 86_400_000 }));
    for (const account of this.accountList) this.profiles.set(account, [...earlier]);
  }

  /** The logged-in account shown on the profile. */
  get account(): string {
    return this.current;
  }

  get accounts(): readonly string[] {
    return this.accountList;
  }

  get running(): boolean {
    return this.stack.length > 0;
  }

  /** The screen on top, undefined when not running; a dialog covers it without replacing it. */
  get screenName(): S | undefined {
    return this.stack.at(-1);
  }

  /** The title of the app's dialog on screen, if any. */
  get dialogShowing(): string | undefined {
    return this.dialogs.at(-1)?.title;
  }

  /** What went live on an account's profile, newest first. */
  profilePosts(account = this.current): readonly ProfilePost[] {
    this.settleUploads();
    return this.profiles.get(account) ?? [];
  }

  abstract manifestPermissions(sdk: number): string[];

  attach(system: AppSystem): void {
    this.system = system;
  }

  launch(): void {
    this.events.push(this.running ? "launch (resumed)" : "launch");
    if (!this.running) this.coldStart();
  }

  start(activity: string, intent: Intent): void {
    this.events.push(`start ${activity}`);
    const cold = !this.running;
    if (cold) this.coldStart();
    this.onIntent(activity, intent, cold);
  }

  back(): boolean {
    if (this.stack.length <= 1) return false;
    this.stack.pop();
    this.leaveScreen();
    return true;
  }

  forceStop(): void {
    this.events.push("force-stop");
    this.stack = [];
    this.draftMedia = undefined;
    this.dialogs.length = 0;
    this.fields.reset();
    this.leaveScreen();
    // An upload runs in the app's process: killing it drops the post.
    for (const upload of this.uploads.splice(0)) this.fail(upload, "killed");
  }

  draw(): ScreenDrawing {
    this.settleUploads();
    const screen = this.screenName ?? this.startScreen;
    const views = [...this.render(screen)];
    if (this.toast !== undefined) views.push({ cls: TEXT, text: this.toast, bounds: [140, 1900, 940, 2000] });
    const dialog = this.dialogs.at(-1);
    return {
      activity: `${this.package}/${this.activityOf(screen)}`,
      views: this.visible(views),
      dialog: dialog === undefined ? undefined : this.dialogDrawing(dialog),
      playing: this.playing(screen),
    };
  }

  swipe(x1: number, y1: number, x2: number, y2: number): void {
    this.events.push(`swipe ${x1} ${y1} ${x2} ${y2}`);
  }

  inputText(text: string): void {
    const field = this.fields.type(text);
    this.events.push(`text ${JSON.stringify(text)} ${field === undefined ? "dropped: no focused field" : `→ ${field}`}`);
  }

  clearText(): void {
    this.fields.clearFocused();
  }

  keyEvent(key: string): void {
    this.events.push(`key ${key}`);
  }

  screenshot(): Buffer {
    const key = this.dialogShowing ?? this.screenName ?? "none";
    const cached = this.screenshots.get(key);
    if (cached !== undefined) return cached;
    const png = solidPng(108, 240, colourOf(`${this.package}:${key}`));
    this.screenshots.set(key, png);
    return png;
  }

  // ---- for subclasses ----

  /** Handles an explicit intent for one of `activities`; the app is already running. */
  protected abstract onIntent(activity: string, intent: Intent, cold: boolean): void;

  /** The views of one screen, in the content area's design space. */
  protected abstract render(screen: S): ViewNode[];

  /** The activity class a screen belongs to (`dumpsys window`'s focus). */
  protected abstract activityOf(screen: S): string;

  /** A video plays on this screen (the feed, an editor's preview). */
  protected playing(_screen: S): boolean {
    return false;
  }

  /** The app's view of an upload that went live or failed (e.g. a snackbar). */
  protected onUploadEnded(_post: Post, _ok: boolean): void {}

  protected get sys(): AppSystem {
    if (this.system === undefined) throw new Error(`${this.package} is not installed on a phone`);
    return this.system;
  }

  protected get media(): MediaStore {
    return this.sys.media;
  }

  protected get draft(): readonly MediaRow[] | undefined {
    return this.draftMedia;
  }

  protected go(screen: S): void {
    this.stack.push(screen);
    this.leaveScreen();
  }

  /** Replaces the whole back stack, e.g. after posting the app is back on its start screen. */
  protected resetTo(...screens: S[]): void {
    this.stack = screens.length > 0 ? screens : [this.startScreen];
    this.leaveScreen();
  }

  /** Leaves the top screen, as a selection in a sheet does. */
  protected close(): void {
    if (this.stack.length > 1) this.stack.pop();
    this.leaveScreen();
  }

  protected showDialog(dialog: DialogSpec): void {
    this.fields.blur();
    this.dialogs.push(dialog);
    this.events.push(`dialog ${dialog.title}`);
  }

  protected closeDialog(choice: string): void {
    const dialog = this.dialogs.pop();
    // A field in the dialog (a sheet's search) goes with it, and so does the keyboard.
    this.fields.blur();
    if (dialog !== undefined) this.events.push(`dialog ${dialog.title}: ${choice}`);
  }

  /** Another activity coming to the front takes the dialogs of the one below out of sight. */
  protected dismissDialogs(): void {
    while (this.dialogs.length > 0) this.closeDialog("dismissed");
  }

  /**
   * Design units one dp spans on this phone, across and down. Lists whose rows have real dp
   * heights (a RecyclerView's) fit fewer rows on a screen with fewer dp, as on a real phone;
   * the rest of a screen scales with the design space.
   */
  protected get dp(): { x: number; y: number } {
    const { profile } = this.sys;
    const [l, t, r, b] = contentArea(profile);
    const perDp = profile.density / 160;
    return { x: (perDp * DESIGN_WIDTH) / (r - l), y: (perDp * DESIGN_HEIGHT) / (b - t) };
  }

  protected setFieldValue(key: string, value: string): void {
    this.fields.set(key, value);
  }

  /** An EditText keyed by `key`: empty, it shows its hint as its text (uiautomator does). */
  protected field(key: string, hint: string, bounds: Rect, options: Parameters<TextFields["node"]>[3] = {}): ViewNode {
    return this.fields.node(key, hint, bounds, options);
  }

  protected fieldValue(key: string): string {
    return this.fields.value(key);
  }

  protected switchAccount(name: string): void {
    this.events.push(`switch account ${this.current} → ${name}`);
    this.current = name;
  }

  /** Runtime permissions for one group: `then(true)` at once when held, else after the dialog. */
  protected ask(permissions: readonly string[], then: (granted: boolean) => void): void {
    this.sys.permissions.request(this.package, this.label, permissions, then);
  }

  /** The upload still running, if any. */
  protected uploading(): Upload | undefined {
    this.settleUploads();
    return this.uploads[0];
  }

  /** Starts a draft from a SEND intent's stream; a uri that cannot be read is a toast on the start screen. */
  protected draftFromShare(intent: Intent): boolean {
    const uri = stringExtra(intent, "android.intent.extra.STREAM") ?? intent.data;
    const item = intent.action === "android.intent.action.SEND" && uri !== undefined ? this.media.open(uri) : undefined;
    if (item === undefined) {
      this.events.push(`share failed: cannot load ${uri ?? "(no stream)"}`);
      this.resetTo(this.startScreen);
      this.toast = this.loadErrorText;
      return false;
    }
    this.startDraft([item.row]);
    this.events.push(`share ${uri}`);
    return true;
  }

  protected startDraft(media: MediaRow[]): void {
    this.draftMedia = media;
    this.fields.reset();
  }

  /** Records the post with the media's bytes as they are now, then runs the upload. */
  protected publish(placement: Placement, title: string, caption: string, extras: PostExtras = {}): void {
    const media = (this.draftMedia ?? []).map((row) => this.media.open(row.uri));
    const readable = media.filter((item) => item !== undefined);
    if (readable.length === 0 || readable.length !== media.length) {
      this.events.push("post failed: media unreadable");
      this.resetTo(this.startScreen);
      this.toast = this.loadErrorText;
      return;
    }
    const kind = readable.every((item) => item.row.table === "images") ? "images" : "video";
    const post: Post = {
      kind,
      placement,
      title,
      caption,
      media: readable.map((item) => ({ path: item.row.path, data: item.data })),
      account: this.current,
      at: Date.now(),
      aiLabel: extras.aiLabel ?? false,
      ...(extras.sound === undefined ? {} : { sound: extras.sound }),
      ...(extras.volumes === undefined ? {} : { volumes: extras.volumes }),
      ...(extras.product === undefined ? {} : { product: extras.product }),
    };
    this.posts.push(post);
    this.events.push(`post ${placement} ${kind} as ${this.current}`);
    const until = this.options.uploadNeverFinishes === true ? Number.POSITIVE_INFINITY : Date.now() + (this.options.uploadMs ?? 1500);
    this.uploads.push({ post, placement, until });
    this.draftMedia = undefined;
    this.fields.reset();
    this.resetTo(this.startScreen);
  }

  private settleUploads(): void {
    while (this.uploads[0] !== undefined && Date.now() >= this.uploads[0].until) {
      const upload = this.uploads.shift();
      if (upload === undefined) break;
      if (this.options.uploadFails === true) this.fail(upload, "failed");
      else {
        const list = this.profiles.get(upload.post.account) ?? [];
        list.unshift({ caption: upload.post.caption, kind: upload.post.kind, at: upload.until });
        this.profiles.set(upload.post.account, list);
        this.events.push(`upload done: ${upload.placement} as ${upload.post.account}`);
        this.onUploadEnded(upload.post, true);
      }
    }
  }

  private fail(upload: Upload, why: string): void {
    this.events.push(`upload ${why}: ${upload.placement} as ${upload.post.account}`);
    this.onUploadEnded(upload.post, false);
  }

  private coldStart(): void {
    this.stack = [this.startScreen];
    if (this.options.asksNotifications !== false && this.sys.profile.sdk >= 33) this.ask([POST_NOTIFICATIONS], () => undefined);
  }

  private leaveScreen(): void {
    this.fields.blur();
    this.toast = undefined;
  }

  private dialogDrawing(dialog: DialogSpec): AppDialog {
    const bounds = dialog.bounds ?? [90, 860, 990, 1540];
    const cancel = dialog.cancelable
      ? () => {
          this.closeDialog("cancelled");
          dialog.onCancel?.();
        }
      : undefined;
    if (dialog.render !== undefined) {
      return { bounds, views: this.visible([{ cls: "android.widget.FrameLayout", bounds, children: dialog.render() }]), cancel, back: dialog.back };
    }
    const [l, t, r, b] = bounds;
    const rows: ViewNode[] = [{ cls: TEXT, text: dialog.title, bounds: [l + 50, t + 50, r - 50, t + 150] }];
    if (dialog.message !== undefined) rows.push({ cls: TEXT, text: dialog.message, bounds: [l + 50, t + 160, r - 50, t + 300] });
    const height = 110;
    dialog.buttons.forEach((button, i) => {
      const top = b - 40 - (dialog.buttons.length - i) * height;
      rows.push({ cls: "android.widget.Button", text: button.text, id: button.id, desc: button.desc, bounds: [l + 50, top, r - 50, top + height - 10], onTap: button.onTap });
    });
    return { bounds, views: this.visible([{ cls: "android.widget.LinearLayout", bounds, children: rows }]), cancel, back: dialog.back };
  }

  private visible(views: ViewNode[]): ViewNode[] {
    if (this.hidden.size === 0) return views;
    return views.flatMap((view) => {
      const kept = withoutHidden(view, this.hidden);
      return kept === undefined ? [] : [kept];
    });
  }
}

/** The tree without nodes whose text, content-desc or resource id (full or short) is hidden. */
function withoutHidden(node: ViewNode, hidden: ReadonlySet<string>): ViewNode | undefined {
  const names = [node.text, node.desc, node.id, node.id?.replace(/^.*:id\//, "")];
  if (names.some((name) => name !== undefined && name !== "" && hidden.has(name))) return undefined;
  const children = node.children?.flatMap((child) => {
    const kept = withoutHidden(child, hidden);
    return kept === undefined ? [] : [kept];
  });
  return { ...node, children };
}

function colourOf(key: string): [number, number, number] {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff];
}
