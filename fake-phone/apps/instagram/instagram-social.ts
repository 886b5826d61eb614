import type { DeviceProfile } from "../../system/device-profile.js";
import type { ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import { type BanScreen, InstagramAccountState } from "./instagram-account-state.js";
import { InstagramComments } from "./instagram-comments.js";
import { linkScreen } from "./instagram-links.js";
import { InstagramPostPage } from "./instagram-post-page.js";
import { InstagramReels, type ReelsSource } from "./instagram-reels.js";
import { InstagramSearch } from "./instagram-search.js";
import { type InstagramScreen, type InstagramUi, payload } from "./instagram-ui.js";
import { InstagramUserProfile } from "./instagram-user-profile.js";
import { InstagramWatching } from "./instagram-watching.js";
import { keyboardTop } from "./keyboard-top.js";
import { socialStrings } from "./social-strings.js";

/** What the app lends its social side: its ui without what this side adds itself. */
export interface SocialHost extends Omit<InstagramUi, "act" | "isVideo" | "s" | "keyboardTop"> {
  profile(): DeviceProfile;
  running(): boolean;
  screen(): InstagramScreen | undefined;
  dismissDialogs(): void;
}

export interface SocialOptions {
  photoPosts?: readonly string[];
  commentsLimited?: readonly string[];
  bannedAs?: BanScreen;
}

/**
 * Instagram's side of other people (profiles, posts, reels, comments, search) and the account
 * states over it, with the SocialWorld as its truth: InstagramApp routes the stack's social
 * screens here and tells it when the screen changes, so the world hears what video is watched.
 */
export class InstagramSocial {
  readonly ui: InstagramUi;
  private readonly states: InstagramAccountState;
  private readonly watching: InstagramWatching;
  private readonly users: InstagramUserProfile;
  private readonly postPage: InstagramPostPage;
  private readonly reels: InstagramReels;
  private readonly comments: InstagramComments;
  private readonly search: InstagramSearch;

  constructor(
    private readonly host: SocialHost,
    options: SocialOptions,
  ) {
    const photos = new Set(options.photoPosts ?? []);
    this.ui = {
      ...host,
      s: () => socialStrings(host.profile().locale),
      keyboardTop: () => keyboardTop(host.profile()),
      act: (what, run) => this.states.guard(what, run),
      isVideo: (post) => !photos.has(post.id),
    };
    this.states = new InstagramAccountState(this.ui, options.bannedAs ?? "disabled");
    this.watching = new InstagramWatching(host.world);
    this.users = new InstagramUserProfile(this.ui);
    this.comments = new InstagramComments(this.ui, { limited: new Set(options.commentsLimited ?? []) });
    const openComments = (post: SocialPost, focus: boolean) => this.comments.open(post, focus);
    this.postPage = new InstagramPostPage(this.ui, this.users.follows, (post) => openComments(post, false));
    this.reels = new InstagramReels(this.ui, this.users.follows, openComments, () => this.moved());
    this.search = new InstagramSearch(this.ui, (posts, index) => {
      this.reels.openTopic(posts, index);
      host.go("topicReels");
    });
  }

  /** The activity of a covering account state, if one is set. */
  stateActivity(): string | undefined {
    const state = this.states.covering();
    return state === undefined ? undefined : this.states.activity(state);
  }

  /** BACK under a covering state: undefined when none is set, else whether the state took it. */
  back(): boolean | undefined {
    const state = this.states.covering();
    return state === undefined ? undefined : this.states.backTaken(state);
  }

  /** A cold start: the Reels tab from the top again. */
  coldStart(): void {
    this.reels.reset();
  }

  /** The search tab opens with an empty box. */
  searchTab(): void {
    this.search.reset();
  }

  /**
   * A link while Instagram was not running starts it at its feed and is lost (the harder case,
   * as the share handlers' media: fbsamples/share_to_reels_android#12; no source says what a
   * cold VIEW does). While it runs, the profile, post or reel opens over what was in front;
   * BACK returns there. Another path is not modelled: nothing opens.
   */
  openLink(url: string, cold: boolean): void {
    if (cold) return this.host.event(`deep link dropped: Instagram was not running (${url})`);
    const screen = linkScreen(url);
    if (screen === undefined) return this.host.event(`deep link not modelled: ${url}`);
    this.host.event(`deep link ${url} → ${screen}`);
    this.host.dismissDialogs();
    this.host.go(screen);
  }

  /** The covering state's screen or a social screen; undefined for the app's own (posting) screens. */
  render(screen: InstagramScreen): ViewNode[] | undefined {
    const state = this.states.covering();
    if (state !== undefined) {
      // The state covers the app, its sheets too; no video plays under it.
      this.host.dismissDialogs();
      this.watching.sync(this.host.account(), undefined);
      return this.states.render(state);
    }
    this.sync();
    const source = reelsSource(screen);
    if (source !== undefined) return this.reels.render(source);
    if (screen.startsWith("user:")) return this.users.render(payload(screen));
    if (screen.startsWith("post:")) return this.postPage.render(payload(screen));
    if (screen.startsWith("topic:")) return this.search.renderTopic(payload(screen));
    if (screen === "explore") return this.search.renderExplore();
    return undefined;
  }

  /** The world post whose video plays on this screen, if any (none under a covering state). */
  videoOnScreen(screen: InstagramScreen | undefined): string | undefined {
    if (screen === undefined || this.states.covering() !== undefined) return undefined;
    const source = reelsSource(screen);
    const post = source !== undefined ? this.reels.current(source) : screen.startsWith("post:") ? this.host.world.post(payload(screen)) : undefined;
    return post !== undefined && this.ui.isVideo(post) ? post.id : undefined;
  }

  /** A navigation or a page turn: the video on screen now is a new showing. */
  moved(): void {
    this.watching.moved();
    this.sync();
  }

  /** Tells the world what plays now (nothing while the app is stopped or in the background). */
  sync(): void {
    this.watching.sync(this.host.account(), this.host.running() ? this.videoOnScreen(this.host.screen()) : undefined);
  }

  /** The app left the screen (BACK at its root, force-stop). */
  stopWatching(): void {
    this.watching.sync(this.host.account(), undefined);
  }
}

function reelsSource(screen: InstagramScreen): ReelsSource | undefined {
  if (screen === "reels") return { kind: "tab" };
  if (screen === "topicReels") return { kind: "topic" };
  return screen.startsWith("reel:") ? { kind: "link", postId: payload(screen) } : undefined;
}
