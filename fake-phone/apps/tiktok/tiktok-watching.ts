import type { SocialWorld } from "../social-world.js";

/**
 * Keeps SocialWorld.watches true to the screen: the post shown starts being watched when it
 * comes on screen and stops when it leaves (another post, another screen, a covering account
 * state, the app stopped). The app calls `sync` after anything that may change what is shown.
 * HOME reaches no app model (Foreground.home tells none), so a watch stays open while the app
 * is in the background, until it shows something else or is stopped; a real app would pause in
 * onPause. A script should not time its watching across HOME.
 */
export class TikTokWatching {
  private watching: string | undefined;

  constructor(
    private readonly world: SocialWorld,
    private readonly account: () => string,
    /** The id of the post on screen now, if any. */
    private readonly shown: () => string | undefined,
  ) {}

  sync(): void {
    const id = this.shown();
    if (id === this.watching) return;
    if (id === undefined) this.world.stopWatching(this.account());
    else this.world.startWatching(this.account(), id);
    this.watching = id;
  }
}
