import type { Travel, ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import type { TikTokSocialUi } from "./tiktok-social-ui.js";
import { VIDEO_AREA, videoControls } from "./tiktok-video-controls.js";
import { FRAME } from "./tiktok-ui.js";

const VIEW_PAGER = "androidx.viewpager.widget.ViewPager";

/**
 * Videos one at a time in a vertical pager, as the For You feed and the video page show them.
 * A drag up past the touch slop (the window manager takes that off) shows the next video, down
 * the one before; no fling or half-page threshold is modelled: a page moves once per drag.
 * The feed starts again at its first after the last (SocialWorld's feed); a list of search
 * results stops at its ends. A tap on the video pauses it (GK's `long_press_layout`, desc
 * "Video"); a new video plays.
 */
export class VideoPager {
  private index = 0;
  private pausedAt: number | undefined;

  constructor(
    private readonly posts: () => readonly SocialPost[],
    private readonly wraps: boolean,
    /** The shown post changed (the app starts watching it). */
    private readonly moved: () => void,
    start = 0,
  ) {
    this.index = start;
  }

  current(): SocialPost | undefined {
    const posts = this.posts();
    if (posts.length === 0) return undefined;
    return posts[((this.index % posts.length) + posts.length) % posts.length];
  }

  get playing(): boolean {
    return this.current() !== undefined && this.pausedAt === undefined;
  }

  /** The pager over the video surface (`surfaceId` on the feed keeps the build's feed id) and the controls. */
  render(ui: TikTokSocialUi, surfaceId: string | undefined): ViewNode {
    const post = this.current();
    const surface: ViewNode = {
      cls: FRAME,
      id: surfaceId,
      bounds: [0, 200, 1080, 2240],
      children: [{ cls: "android.view.View", id: ui.id("videoSurface"), desc: "Video", bounds: [0, 200, 1080, 2240], onTap: () => this.togglePause() }],
    };
    const count = this.posts().length;
    return {
      cls: VIEW_PAGER,
      id: ui.id("videoPager"),
      bounds: VIDEO_AREA,
      scrollable: count > 1,
      focusable: true,
      onScroll: (travel) => this.scroll(travel),
      children: post === undefined ? [surface] : [surface, ...videoControls(ui, post)],
    };
  }

  /** Plays again (back on the feed after posting). */
  play(): void {
    this.pausedAt = undefined;
  }

  private togglePause(): void {
    this.pausedAt = this.pausedAt === undefined ? Date.now() : undefined;
  }

  private scroll({ dx, dy }: Travel): boolean {
    if (Math.abs(dy) < Math.abs(dx)) return false;
    const count = this.posts().length;
    if (count === 0) return true;
    const next = this.index + (dy < 0 ? 1 : -1);
    // Pulling down on the first video refreshes (not modelled); a result list stops at its last.
    if (next < 0 || (!this.wraps && next >= count)) return true;
    this.index = this.wraps ? next % count : next;
    this.pausedAt = undefined;
    this.moved();
    return true;
  }
}
