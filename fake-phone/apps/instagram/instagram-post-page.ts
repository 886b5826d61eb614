import type { ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import type { InstagramFollow } from "./instagram-follow.js";
import { notAvailable } from "./instagram-not-available.js";
import { FRAME, IMAGE, type InstagramUi, LINEAR, TEXT } from "./instagram-ui.js";

/**
 * A post in the feed's layout, as a `/p/<code>/` link or a profile's grid opens it (GK
 * `clipsonpodcast_20251226_111653` step 1, tikmatrix-scripts.md §3.2 and §3.5): `action_bar_title`
 * "Posts" with the action bar's own Follow (`follow_button` > `action_bar_overflow_text`), the
 * author `row_feed_photo_profile_name`, "More actions for this post", and the buttons
 * `row_feed_button_like` "Like", `row_feed_button_comment` "Comment", `row_feed_button_share`
 * "Send post", `row_feed_button_save` "Add to Saved". Liked and saved show as `selected` (GA,
 * the research's advice); the descs stay as they are (the harder case: TAKT says a liked
 * post's desc reads "Unlike", GA's older builds "Liked"). An ad says "Sponsored" under the
 * author; a LIVE has no like button. The texts below the buttons have no recorded ids.
 */
export class InstagramPostPage {
  constructor(
    private readonly ui: InstagramUi,
    private readonly follow: InstagramFollow,
    private readonly openComments: (post: SocialPost) => void,
  ) {}

  render(postId: string): ViewNode[] {
    const post = this.ui.world.post(postId);
    if (post === undefined) return notAvailable(this.ui);
    const ui = this.ui;
    const s = ui.s();
    const { id } = ui;
    const me = ui.account();
    const nodes: ViewNode[] = [
      { cls: IMAGE, id: id("action_bar_button_back"), desc: s.back, bounds: [0, 20, 140, 160], onTap: () => ui.close() },
      { cls: TEXT, id: id("action_bar_title"), text: s.postsTitle, bounds: [160, 40, 700, 140] },
    ];
    const own = post.author.toLowerCase() === me.toLowerCase();
    if (!own && ui.world.user(post.author) !== undefined) {
      // GK: the action bar's Follow; after a follow it reads "Following" and takes no tap (GUESS).
      const label = this.follow.label(post.author);
      const following = ui.world.relation(me, post.author) === "following";
      nodes.push({
        cls: FRAME,
        id: id("follow_button"),
        bounds: [760, 40, 1060, 140],
        onTap: following ? () => ui.event("post header: already following") : () => this.follow.tap(post.author),
        children: [{ cls: TEXT, id: id("action_bar_overflow_text"), text: label, bounds: [760, 40, 1060, 140] }],
      });
    }
    nodes.push(
      { cls: IMAGE, bounds: [30, 200, 130, 300] },
      { cls: TEXT, id: id("row_feed_photo_profile_name"), text: post.author, bounds: [150, 200, 700, 260], onTap: () => ui.go(`user:${post.author}`) },
    );
    if (post.ad === true) nodes.push({ cls: TEXT, text: s.sponsored, bounds: [150, 260, 700, 310] });
    nodes.push(
      { cls: IMAGE, id: id("media_option_button"), desc: s.moreActions, bounds: [960, 200, 1060, 300], onTap: () => ui.event("post options not modelled") },
      { cls: FRAME, bounds: [0, 320, 1080, 1400], onTap: () => ui.event(ui.isVideo(post) ? "video tapped: sound toggled" : "photo tapped") },
      this.buttons(post),
      { cls: TEXT, text: s.likes(ui.world.likeCount(post.id)), bounds: [40, 1560, 1040, 1620] },
      { cls: TEXT, text: `${post.author} ${post.caption}`, bounds: [40, 1630, 1040, 1780] },
    );
    const count = ui.world.commentsOn(post.id).length;
    if (count > 0) nodes.push({ cls: TEXT, text: s.viewAllComments(count), bounds: [40, 1790, 1040, 1850], onTap: () => this.openComments(post) });
    nodes.push(ui.tabBar("none"));
    return nodes;
  }

  private buttons(post: SocialPost): ViewNode {
    const ui = this.ui;
    const s = ui.s();
    const { id } = ui;
    const me = ui.account();
    const children: ViewNode[] = [];
    if (post.live !== true) {
      children.push({
        cls: IMAGE,
        id: id("row_feed_button_like"),
        desc: s.like,
        selected: ui.world.liked(me).has(post.id),
        bounds: [20, 1420, 140, 1540],
        onTap: () => ui.act(`like ${post.id}`, () => ui.world.toggleLike(me, post.id)),
      });
    }
    children.push(
      { cls: IMAGE, id: id("row_feed_button_comment"), desc: s.comment, bounds: [160, 1420, 280, 1540], onTap: () => this.openComments(post) },
      { cls: IMAGE, id: id("row_feed_button_share"), desc: s.sendPost, bounds: [300, 1420, 420, 1540], onTap: () => ui.event("send post not modelled") },
      {
        cls: IMAGE,
        id: id("row_feed_button_save"),
        desc: s.addToSaved,
        selected: ui.world.saved(me).has(post.id),
        bounds: [940, 1420, 1060, 1540],
        onTap: () => ui.act(`save ${post.id}`, () => ui.world.toggleSave(me, post.id)),
      },
    );
    return { cls: LINEAR, bounds: [0, 1410, 1080, 1550], children };
  }
}
