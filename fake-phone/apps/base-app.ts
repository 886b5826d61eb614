import type { Intent } from "../shell/intent.js";
import { stringExtra } from "../shell/intent.js";
import type { MediaRow, MediaStore } from "../system/media-store.js";
import { solidPng } from "../system/png.js";
import type { AppModel, AppSystem, Placement, Post } from "./app-model.js";
import { notificationPopup } from "./notification-popup.js";
import { TextFields } from "./text-fields.js";
import { DESIGN_HEIGHT, DESIGN_WIDTH, type Rect, type Scale, type UiNode, dumpXml, hitTest, scaleFor, withoutHidden } from "./ui-node.js";

/** Options every app model takes. */
export interface AppOptions {
  /** Package name; each app has its real one as default. */
  package?: string;
  /** Logged-in accounts; the first is current. Default ["fake_creator"]. */
  accounts?: string[];
  /** How long the upload indicator shows after posting. Default 1500 ms. */
  uploadMs?: number;
  /** The upload indicator never goes away. */
  uploadNeverFinishes?: boolean;
  /** Texts, content-descs or resource ids (full or the part after ":id/") never shown. */
  hidden?: string[];
  /** Launches show "Turn on notifications?" ("Not now" / "Turn on", or BACK) over the app until answered once. */
  popupOnLaunch?: boolean;
  /** The first N dumps fail with "could not get idle state." (a playing video does that). */
  dumpIdleErrors?: number;
}

interface Draft {
  media: MediaRow[];
}

/**
 * What TikTok and Instagram have in common: a back stack of screens, text fields with
 * hints and focus, accounts, a first-launch dialog, the upload indicator, and the record
 * of what was posted. A subclass draws each screen as a view tree whose nodes carry their
 * tap handlers, so the dump and the taps can never disagree.
 */
export abstract class BaseApp<S extends string> implements AppModel {
  readonly package: string;
  /** Everything the app "uploaded", oldest first. */
  readonly posts: Post[] = [];
  /** What happened, for test failure messages and assertions ("launch", "post reel video as x"…). */
  readonly events: string[] = [];
  abstract readonly activities: readonly string[];
  protected abstract readonly startScreen: S;
  /** The toast shown when a shared uri cannot be read. */
  protected abstract readonly loadErrorText: string;
  /** A toast-like message on the start screen until the next navigation. */
  protected toast: string | undefined;

  private stack: S[] = [];
  private readonly accountList: string[];
  private current: string;
  private draft: Draft | undefined;
  private readonly fields = new TextFields();
  private popupOpen = false;
  private popupAnswered = false;
  private upload: { placement: Placement; until: number } | undefined;
  private idleErrorsLeft: number;
  private readonly hidden: ReadonlySet<string>;
  private system: AppSystem | undefined;
  private readonly screenshots = new Map<string, Buffer>();

  constructor(
    defaultPackage: string,
    private readonly options: AppOptions,
  ) {
    this.package = options.package ?? defaultPackage;
    this.accountList = [...(options.accounts ?? ["fake_creator"])];
    this.current = this.accountList[0] ?? "fake_creator";
    this.idleErrorsLeft = options.dumpIdleErrors ?? 0;
    this.hidden = new Set(options.hidden ?? []);
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

  /** The screen on top, undefined when not running; the popup covers it without replacing it. */
  get screenName(): S | undefined {
    return this.stack.at(-1);
  }

  /** The first-launch dialog is up. */
  get popupShowing(): boolean {
    return this.popupOpen;
  }

  attach(system: AppSystem): void {
    this.system = system;
  }

  launch(): void {
    this.events.push(this.running ? "launch (resumed)" : "launch");
    if (!this.running) this.coldStart();
  }

  start(activity: string, intent: Intent): void {
    this.events.push(`start ${activity}`);
    if (!this.running) this.coldStart();
    this.onIntent(activity, intent);
  }

  back(): boolean {
    if (this.popupOpen) {
      this.dismissPopup("back");
      return true;
    }
    if (this.stack.length <= 1) return false;
    this.stack.pop();
    this.leaveScreen();
    return true;
  }

  forceStop(): void {
    this.events.push("force-stop");
    this.stack = [];
    this.draft = undefined;
    this.upload = undefined;
    this.popupOpen = false;
    this.fields.reset();
    this.leaveScreen();
  }

  dumpUi(): { xml: string } | { error: string } {
    if (this.idleErrorsLeft > 0) {
      this.idleErrorsLeft--;
      return { error: "could not get idle state." };
    }
    return { xml: dumpXml(this.tree(), this.package, this.scale) };
  }

  tap(x: number, y: number): void {
    const node = hitTest(this.tree(), x, y, this.scale);
    const name = node === undefined ? "nothing" : (node.text || node.desc || node.id || node.cls);
    this.events.push(`tap ${x} ${y} → ${name}${node?.enabled === false ? " (disabled)" : ""}`);
    if (node?.enabled !== false) node?.onTap?.();
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
    if (key === "KEYCODE_ENTER") this.inputText("\n");
    else if (key === "KEYCODE_DEL") this.fields.deleteLast();
  }

  screenshot(): Buffer {
    const key = this.popupOpen ? "popup" : (this.screenName ?? "none");
    const cached = this.screenshots.get(key);
    if (cached !== undefined) return cached;
    const { width, height } = this.system?.screenSize ?? { width: DESIGN_WIDTH, height: DESIGN_HEIGHT };
    const png = solidPng(Math.max(1, Math.round(width / 10)), Math.max(1, Math.round(height / 10)), colourOf(`${this.package}:${key}`));
    this.screenshots.set(key, png);
    return png;
  }

  // ---- for subclasses ----

  /** Handles an explicit intent for one of `activities`; the app is already running. */
  protected abstract onIntent(activity: string, intent: Intent): void;

  /** The nodes of one screen, inside a full-screen root. */
  protected abstract render(screen: S): UiNode[];

  protected get media(): MediaStore {
    if (this.system === undefined) throw new Error(`${this.package} is not installed on a phone`);
    return this.system.media;
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

  /** Leaves the top screen, as a selection in a sheet or dialog does. */
  protected close(): void {
    if (this.stack.length > 1) this.stack.pop();
    this.leaveScreen();
  }

  /** An EditText: shows the hint as its text while empty, as uiautomator reports it. */
  protected field(id: string, hint: string, bounds: Rect): UiNode {
    return this.fields.node(id, hint, bounds);
  }

  protected fieldValue(id: string): string {
    return this.fields.value(id);
  }

  protected switchAccount(name: string): void {
    this.events.push(`switch account ${this.current} → ${name}`);
    this.current = name;
  }

  /** The placement whose upload is still running, if any. */
  protected uploading(): Placement | undefined {
    if (this.upload === undefined || Date.now() >= this.upload.until) return undefined;
    return this.upload.placement;
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
    this.draft = { media };
    this.fields.reset();
  }

  /** Records the post with the media's bytes as they are now, then shows the upload. */
  protected publish(placement: Placement, title: string, caption: string): void {
    const media = (this.draft?.media ?? []).map((row) => this.media.open(row.uri));
    const readable = media.filter((item) => item !== undefined);
    if (readable.length === 0 || readable.length !== media.length) {
      this.events.push(`post failed: media unreadable`);
      this.resetTo(this.startScreen);
      this.toast = this.loadErrorText;
      return;
    }
    const kind = readable.every((item) => item.row.table === "images") ? "images" : "video";
    this.posts.push({
      kind,
      placement,
      title,
      caption,
      media: readable.map((item) => ({ path: item.row.path, data: item.data })),
      account: this.current,
      at: Date.now(),
    });
    this.events.push(`post ${placement} ${kind} as ${this.current}`);
    const until = this.options.uploadNeverFinishes === true ? Number.POSITIVE_INFINITY : Date.now() + (this.options.uploadMs ?? 1500);
    this.upload = { placement, until };
    this.draft = undefined;
    this.fields.reset();
    this.resetTo(this.startScreen);
  }

  private coldStart(): void {
    this.stack = [this.startScreen];
    // Apps ask until they get an answer: a force-stop before answering brings it back.
    this.popupOpen = this.options.popupOnLaunch === true && !this.popupAnswered;
  }

  private leaveScreen(): void {
    this.fields.blur();
    this.toast = undefined;
  }

  private dismissPopup(choice: string): void {
    this.popupOpen = false;
    this.popupAnswered = true;
    this.events.push(`popup: ${choice}`);
  }

  private get scale(): Scale {
    return scaleFor(this.system?.screenSize ?? { width: DESIGN_WIDTH, height: DESIGN_HEIGHT });
  }

  private tree(): UiNode {
    const root: UiNode = {
      cls: "android.widget.FrameLayout",
      bounds: [0, 0, DESIGN_WIDTH, DESIGN_HEIGHT],
      children: this.popupOpen ? notificationPopup((choice) => this.dismissPopup(choice)) : this.render(this.screenName ?? this.startScreen),
    };
    return withoutHidden(root, this.hidden) ?? { ...root, children: [] };
  }
}

function colourOf(key: string): [number, number, number] {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff];
}
