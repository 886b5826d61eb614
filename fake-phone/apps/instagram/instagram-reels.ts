import type { Rect } from "../../window/rect.js";
import type { Travel, ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import type { InstagramFollow } from "./instagram-follow.js";
import { notAvailable } from "./instagram-not-available.js";
import { BUTTON, FRAME, IMAGE, type InstagramUi, TEXT, VIEW_GROUP } from "./instagram-ui.js";

/** Which reels a viewer pages through: the Reels tab's (the world's feed), a search's, or one linked reel. */
export type ReelsSource = { kind: "tab" } | { kind: "topic" } | { kind: "link"; postId: string };

const PAGER = "androidx.viewpager.widget.ViewPager";
const PAGE_BOTTOM = 2250;
/**
 * How far a drag must go to turn the page: a quarter of it. ViewPager2 settles on the next page
 * past half its height or after a fling; flings are not modelled (README "Swipes"), so a
 * quarter stands for a quick swipe. The model's own threshold.
 */
const TURN = PAGE_BOTTOM / 4;

/**
 * The reel viewer, one reel at a time (GK `speckles_is_here_20251222_215627`, tikmatrix-scripts.md
 * §3.5): `clips_video_container`, the author `clips_author_username`, the column `like_button`
 * "Like" (selected when liked), `like_count` ("Like number is157. View likes"), `comment_button`,
 * `comment_count`, `direct_share_button` "Share", `clips_ufi_more_button_component` "More", and on
 * 2025's build the bottom bar `comment_composer_text_view` "Add comment…". An ad reads
 * "Sponsored". A vertical drag turns the page: up to the next reel (after the last, the first
 * again: the feed never ends), down to the one before (none before the first). A linked reel
 * is a page of its own. Saving is in the More sheet (its rows: GUESS).
 */
export class InstagramReels {
  private tabIndex = 0;
  private topicIndex = 0;
  private topicPosts: readonly SocialPost[] = [];

  constructor(
    private readonly ui: InstagramUi,
    private readonly follow: InstagramFollow,
    private readonly openComments: (post: SocialPost, focus: boolean) => void,
    /** A new reel came on screen (the app starts watching it). */
    private readonly pageTurned: () => void,
  ) {}

  /** A search's reels, from the one tapped. */
  openTopic(posts: readonly SocialPost[], index: number): void {
    this.topicPosts = posts;
    this.topicIndex = index;
  }

  /** The Reels tab starts again at the top of the feed when the app starts. */
  reset(): void {
    this.tabIndex = 0;
  }

  current(source: ReelsSource): SocialPost | undefined {
    if (source.kind === "link") return this.ui.world.post(source.postId);
    const posts = this.posts(source);
    if (posts.length === 0) return undefined;
    const index = source.kind === "tab" ? this.tabIndex : this.topicIndex;
    return posts[index % posts.length];
  }

  render(source: ReelsSource): ViewNode[] {
    const post = this.current(source);
    if (post === undefined) return source.kind === "link" ? notAvailable(this.ui) : [this.header(source), this.ui.tabBar(source.kind === "tab" ? "reels" : "none")];
    const pager: ViewNode = {
      cls: PAGER,
      bounds: [0, 0, 1080, PAGE_BOTTOM],
      scrollable: source.kind !== "link",
      focusable: true,
      onScroll: (travel) => this.drag(source, travel),
      children: [this.page(post)],
    };
    return [pager, this.header(source), this.ui.tabBar(source.kind === "tab" ? "reels" : "none")];
  }

  private posts(source: ReelsSource): readonly SocialPost[] {
    return source.kind === "tab" ? this.ui.world.feed : source.kind === "topic" ? this.topicPosts : [];
  }

  private drag(source: ReelsSource, { dx, dy }: Travel): boolean {
    if (Math.abs(dy) < Math.abs(dx)) return false;
    if (source.kind === "link") return true;
    const count = this.posts(source).length;
    if (Math.abs(dy) < TURN || count === 0) return true;
    const step = dy < 0 ? 1 : -1;
    const index = source.kind === "tab" ? this.tabIndex : this.topicIndex;
    if (step < 0 && index === 0) return true;
    const next = step > 0 ? (index + 1) % count : index - 1;
    if (source.kind === "tab") this.tabIndex = next;
    else this.topicIndex = next;
    this.ui.event(`reel ${step > 0 ? "next" : "previous"}: ${this.current(source)?.id ?? ""}`);
    this.pageTurned();
    return true;
  }

  /** The top: the tab's "Reels" and, on 2025's build, "Create a reel" (GK); a Back for the others. */
  private header(source: ReelsSource): ViewNode {
    const s = this.ui.s();
    const children: ViewNode[] =
      source.kind === "tab"
        ? [{ cls: TEXT, text: s.reels, bounds: [160, 40, 500, 140] }]
        : [{ cls: IMAGE, desc: s.back, bounds: [0, 20, 140, 160], onTap: () => this.ui.close() }];
    if (source.kind === "tab" && this.ui.build.create === "profile") children.unshift({ cls: IMAGE, desc: "Create a reel", bounds: [0, 40, 120, 140], onTap: () => this.ui.event("create a reel not modelled") });
    return { cls: FRAME, bounds: [0, 0, 1080, 180], children };
  }

  private page(post: SocialPost): ViewNode {
    const ui = this.ui;
    const s = ui.s();
    const { id } = ui;
    const me = ui.account();
    const likes = ui.world.likeCount(post.id);
    const comments = ui.world.commentsOn(post.id).length;
    const column: ViewNode[] = [];
    if (post.live !== true) {
      column.push(
        { cls: IMAGE, id: id("like_button"), desc: s.like, selected: ui.world.liked(me).has(post.id), bounds: [940, 1300, 1060, 1410], onTap: () => ui.act(`like ${post.id}`, () => ui.world.toggleLike(me, post.id)) },
        { cls: TEXT, id: id("like_count"), text: String(likes), desc: s.likeNumber(likes), bounds: [940, 1410, 1060, 1470], onTap: () => ui.event("likes list not modelled") },
      );
    }
    column.push(
      { cls: IMAGE, id: id("comment_button"), desc: s.comment, bounds: [940, 1500, 1060, 1610], onTap: () => this.openComments(post, false) },
      { cls: TEXT, id: id("comment_count"), text: String(comments), desc: s.commentNumber(comments), bounds: [940, 1610, 1060, 1670], onTap: () => this.openComments(post, false) },
      { cls: IMAGE, id: id("direct_share_button"), desc: s.share, bounds: [940, 1700, 1060, 1810], onTap: () => ui.event("share not modelled") },
      { cls: FRAME, id: id("clips_ufi_more_button_component"), desc: s.more, bounds: [940, 1840, 1060, 1950], onTap: () => this.openMore(post) },
    );
    const author: ViewNode[] = [
      { cls: IMAGE, bounds: [40, 1870, 120, 1950] },
      { cls: TEXT, id: id("clips_author_username"), text: post.author, bounds: [140, 1880, 560, 1940], onTap: () => ui.go(`user:${post.author}`) },
    ];
    const own = post.author.toLowerCase() === me.toLowerCase();
    if (!own && ui.world.user(post.author) !== undefined && ui.world.relation(me, post.author) !== "following") {
      // Beside the name until followed (no id recorded: GUESS).
      author.push({ cls: BUTTON, text: this.follow.label(post.author), bounds: [580, 1870, 800, 1950], onTap: () => this.follow.tap(post.author) });
    }
    if (post.ad === true) author.push({ cls: TEXT, text: s.sponsored, bounds: [140, 1945, 560, 1990] });
    if (post.live === true) author.push({ cls: TEXT, text: s.live, bounds: [40, 200, 200, 260] });
    // The caption is a ViewGroup `clips_caption_component` whose words sit in a child's
    // content-desc, not in any text (public reel scripts read it as
    // `//ViewGroup[@resource-id=…clips_caption_component]//ViewGroup[@content-desc]`).
    const bottom: ViewNode[] = [
      { cls: VIEW_GROUP, id: id("clips_caption_component"), bounds: [40, 2000, 900, 2080], children: [{ cls: VIEW_GROUP, desc: post.caption, bounds: [40, 2000, 900, 2080] }] },
    ];
    if (ui.build.reelComposer) {
      bottom.push({ cls: TEXT, id: id("comment_composer_text_view"), text: s.addComment, bounds: [40, 2110, 900, 2230], onTap: () => this.openComments(post, true) });
    }
    const area: Rect = [0, 0, 1080, PAGE_BOTTOM];
    return {
      cls: FRAME,
      id: id("clips_video_container"),
      bounds: area,
      onTap: () => ui.event(ui.isVideo(post) ? "reel tapped: paused" : "reel photo tapped"),
      children: [...author, ...column, ...bottom],
    };
  }

  private openMore(post: SocialPost): void {
    const ui = this.ui;
    const s = ui.s();
    const me = ui.account();
    const saved = ui.world.saved(me).has(post.id);
    const top = 1700;
    const row = (i: number, text: string, onTap: () => void): ViewNode => ({ cls: TEXT, text, bounds: [0, top + 60 + i * 140, 1080, top + 190 + i * 140], onTap });
    ui.showDialog({
      title: s.more,
      bounds: [0, top, 1080, 2400],
      cancelable: true,
      buttons: [],
      render: () => [
        row(0, saved ? s.unsave : s.save, () => {
          ui.closeDialog(saved ? s.unsave : s.save);
          ui.act(`save ${post.id}`, () => ui.world.toggleSave(me, post.id));
        }),
        row(1, s.notInterested, () => {
          ui.closeDialog(s.notInterested);
          ui.event("not interested not modelled");
        }),
        row(2, s.report, () => {
          ui.closeDialog(s.report);
          ui.event("report not modelled");
        }),
      ],
    });
  }
}
