/**
 * The people, posts and relations an app's screens show besides the phone's own accounts: other
 * users' profiles, the feed's videos, who follows whom, likes, saves, comments and how long each
 * video was watched. One world may be shared by several apps (a TikTok and its clone, or TikTok
 * and Instagram in one test), so each record names the platform's account that made it.
 *
 * Names are kept as the app shows them; they compare lowercased, as both apps treat usernames.
 * Tests assert on the world: `world.following("fake_creator")`, `world.comments`, `world.watches`.
 */

/** A state of one of the phone's accounts that a person has to handle; the app shows it instead of working. */
export type AccountState =
  /** The app is at its log-in screen: the session is gone. */
  | "logged_out"
  /** A verification (a puzzle captcha) covers the screen. */
  | "captcha"
  /** The app refuses actions for a while ("too many attempts", "tapping too fast"). */
  | "rate_limited"
  /** The account is banned or suspended. */
  | "banned";

export interface SocialUser {
  username: string;
  fullName?: string;
  /** A private account: a follow becomes a request ("Requested"). */
  private?: boolean;
}

export interface SocialPost {
  id: string;
  author: string;
  caption: string;
  /** Likes before any of ours. */
  likes?: number;
  /** An ad in the feed ("Sponsored"), not a creator's post. */
  ad?: boolean;
  /** A LIVE in the feed: no like button. */
  live?: boolean;
}

export interface SocialComment {
  account: string;
  postId: string;
  text: string;
  /** The bytes of the image attached to the comment (TikTok), read from the media store when sent. */
  image?: Buffer;
  at: number;
}

export interface Watch {
  account: string;
  postId: string;
  /** Date.now() when the video came on screen, and when it left it (undefined: still on screen). */
  from: number;
  to: number | undefined;
}

/** An account state that starts once the account has done `after` actions (follows, likes, saves, comments). */
export interface Restriction {
  state: AccountState;
  after: number;
}

export interface SocialWorldOptions {
  users?: SocialUser[];
  /** The feed's posts, in the order the feed shows them; it starts again at the first after the last. */
  feed?: SocialPost[];
  /** Posts reachable by link but not in the feed. */
  posts?: SocialPost[];
  /** Who each of the phone's accounts follows already. */
  following?: Record<string, string[]>;
  /** Account states from the start, or after some actions, by account. */
  restrictions?: Record<string, Restriction>;
}

const key = (name: string): string => name.replace(/^@/, "").toLowerCase();

export const DEFAULT_USERS: readonly SocialUser[] = [
  { username: "nordicmilkman", fullName: "Nordic Milkman" },
  { username: "sunny.days", fullName: "Sunny Days" },
  { username: "quiet_cook", fullName: "Quiet Cook", private: true },
];

export const DEFAULT_FEED: readonly SocialPost[] = [
  { id: "7400000000000000001", author: "nordicmilkman", caption: "Morning run #fyp", likes: 1200 },
  { id: "7400000000000000002", author: "sunny.days", caption: "Beach day", likes: 87 },
  { id: "7400000000000000003", author: "nordicmilkman", caption: "Cooking pasta", likes: 16900 },
];

export class SocialWorld {
  readonly users: readonly SocialUser[];
  readonly feed: readonly SocialPost[];
  private readonly posts: ReadonlyMap<string, SocialPost>;
  private readonly follows = new Map<string, Set<string>>();
  private readonly requests = new Map<string, Set<string>>();
  private readonly likes = new Map<string, Set<string>>();
  private readonly saves = new Map<string, Set<string>>();
  private readonly actionCount = new Map<string, number>();
  private readonly restrictions: ReadonlyMap<string, Restriction>;
  /** Every comment sent, oldest first. */
  readonly comments: SocialComment[] = [];
  /** Every feed or post video shown, oldest first. */
  readonly watches: Watch[] = [];

  constructor(options: SocialWorldOptions = {}) {
    this.users = options.users ?? DEFAULT_USERS;
    this.feed = options.feed ?? DEFAULT_FEED;
    this.posts = new Map([...this.feed, ...(options.posts ?? [])].map((post) => [post.id, post]));
    for (const [account, names] of Object.entries(options.following ?? {})) this.follows.set(key(account), new Set(names.map(key)));
    this.restrictions = new Map(Object.entries(options.restrictions ?? {}).map(([account, restriction]) => [key(account), restriction]));
  }

  user(name: string): SocialUser | undefined {
    return this.users.find((user) => key(user.username) === key(name));
  }

  post(id: string): SocialPost | undefined {
    return this.posts.get(id);
  }

  /** Every post: the feed's in its order, then those reachable by link only (a search over all of them). */
  allPosts(): readonly SocialPost[] {
    return [...this.posts.values()];
  }

  /** Whom the account follows (lowercased names), requests not included. */
  following(account: string): ReadonlySet<string> {
    return this.follows.get(key(account)) ?? new Set();
  }

  /** The private accounts the account asked to follow. */
  requested(account: string): ReadonlySet<string> {
    return this.requests.get(key(account)) ?? new Set();
  }

  /** "following", "requested" or "none": what the profile's button shows. */
  relation(account: string, target: string): "following" | "requested" | "none" {
    if (this.following(account).has(key(target))) return "following";
    return this.requested(account).has(key(target)) ? "requested" : "none";
  }

  /** A follow of a private account is a request; of a public one, a follow. */
  follow(account: string, target: string): void {
    const user = this.user(target);
    if (user === undefined) throw new Error(`no user @${target} in the world`);
    this.acted(account);
    const into = user.private === true ? this.requests : this.follows;
    setOf(into, account).add(key(target));
  }

  unfollow(account: string, target: string): void {
    this.acted(account);
    setOf(this.follows, account).delete(key(target));
    setOf(this.requests, account).delete(key(target));
  }

  liked(account: string): ReadonlySet<string> {
    return this.likes.get(key(account)) ?? new Set();
  }

  saved(account: string): ReadonlySet<string> {
    return this.saves.get(key(account)) ?? new Set();
  }

  /** Likes or unlikes (a second tap on the heart); returns whether it is liked now. */
  toggleLike(account: string, postId: string): boolean {
    this.acted(account);
    return toggle(setOf(this.likes, account), postId);
  }

  toggleSave(account: string, postId: string): boolean {
    this.acted(account);
    return toggle(setOf(this.saves, account), postId);
  }

  /** A post's like count as the app shows it: its own plus ours. */
  likeCount(postId: string): number {
    let count = this.post(postId)?.likes ?? 0;
    for (const liked of this.likes.values()) if (liked.has(postId)) count++;
    return count;
  }

  addComment(comment: Omit<SocialComment, "at">): void {
    this.acted(comment.account);
    this.comments.push({ ...comment, at: Date.now() });
  }

  commentsOn(postId: string): SocialComment[] {
    return this.comments.filter((comment) => comment.postId === postId);
  }

  /** A video came on screen; the one before, if still on screen for this account, left it. */
  startWatching(account: string, postId: string): void {
    this.stopWatching(account);
    this.watches.push({ account: key(account), postId, from: Date.now(), to: undefined });
  }

  stopWatching(account: string): void {
    const open = this.watches.findLast((watch) => watch.account === key(account) && watch.to === undefined);
    if (open !== undefined) open.to = Date.now();
  }

  /** The state a person must handle for this account now, if any. */
  accountState(account: string): AccountState | undefined {
    const restriction = this.restrictions.get(key(account));
    if (restriction === undefined) return undefined;
    return (this.actionCount.get(key(account)) ?? 0) >= restriction.after ? restriction.state : undefined;
  }

  private acted(account: string): void {
    const state = this.accountState(account);
    if (state !== undefined) throw new Error(`@${account} is ${state}: the app takes no action (the model should not get here)`);
    this.actionCount.set(key(account), (this.actionCount.get(key(account)) ?? 0) + 1);
  }
}

function setOf(map: Map<string, Set<string>>, account: string): Set<string> {
  let set = map.get(key(account));
  if (set === undefined) {
    set = new Set();
    map.set(key(account), set);
  }
  return set;
}

function toggle(set: Set<string>, value: string): boolean {
  if (set.delete(value)) return false;
  set.add(value);
  return true;
}
