import type { SocialWorld } from "../social-world.js";

/**
 * Which video is on screen, told to the world: `startWatching` when one comes on screen (a
 * reel page, a video post), `stopWatching` when it leaves (another screen, a covering account
 * state, the app stopped). Every navigation and page turn counts as the video leaving, so a
 * reel shown again (the feed wrapping, BACK to it) is a new watch.
 */
export class InstagramWatching {
  private serial = 0;
  private key: string | undefined;
  private watcher: string | undefined;

  constructor(private readonly world: SocialWorld) {}

  /** The screen changed or a page turned: what shows next is a new showing. */
  moved(): void {
    this.serial++;
  }

  /** What is on screen now, for this account (undefined: no video). */
  sync(account: string, postId: string | undefined): void {
    const key = postId === undefined ? undefined : `${this.serial}:${account}:${postId}`;
    if (key === this.key) return;
    if (this.watcher !== undefined && (postId === undefined || this.watcher !== account)) this.world.stopWatching(this.watcher);
    if (postId !== undefined) this.world.startWatching(account, postId);
    this.key = key;
    this.watcher = postId === undefined ? undefined : account;
  }
}
