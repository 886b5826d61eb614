import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import { DESC, type TikTokSocialUi, countText, seeded } from "./tiktok-social-ui.js";
import { BUTTON, IMAGE, TEXT } from "./tiktok-ui.js";

/** Where the page's video sits: below the top bar, above the nav bar (design space). */
export const VIDEO_AREA: Rect = [0, 160, 1080, 2250];

/** A post's counts as its page shows them: the world's likes and our comments and save on top of its own. */
export function postCounts(ui: TikTokSocialUi, post: SocialPost): { likes: number; comments: number; saves: number; shares: number } {
  const world = ui.world();
  return {
    likes: world.likeCount(post.id),
    comments: 2 + seeded(`comments:${post.id}`, 400) + world.commentsOn(post.id).length,
    saves: seeded(`saves:${post.id}`, 30_000) + (world.saved(ui.account()).has(post.id) ? 1 : 0),
    shares: seeded(`shares:${post.id}`, 6_000),
  };
}

/**
 * A video's controls, the same on the For You feed and the video page (GK v43 dumps of
 * 2025-12-26; TKT43): the creator's avatar `yx4` ("<name> profile") and its "+" `hi1`
 * ("Follow <name>", gone once followed or requested); like `f57`, a Button "Like video. N likes"
 * with its heart `f4u` and count `f4z`, `selected` when liked, its desc unchanged (PF: a liked
 * video's label still says Like; the harder case); comments `dtv` with `dp6`; Favorites `guh`
 * ("Add or remove this video from Favorites.", clickable=false as dumped: a tap on its bounds still
 * toggles, as its clickable parent takes it; the state is not shown, PF and VN-U2 disagree, so
 * only its count `gtv` moves); share, `f57` again ("Share video. N shares", count `t_2`); the
 * sound `nhe`; the author, a Button `:id/title`, and the caption `:id/desc` (GK dumps it as a
 * TuxTextLayoutView: here a TextView). An ad adds "Sponsored" and "Learn more"; a LIVE has a
 * "LIVE" badge and no like button (RS: "a LIVE post genuinely has no like button"), and here no
 * comment, Favorites or share either (GUESS: a feed's LIVE preview).
 */
export function videoControls(ui: TikTokSocialUi, post: SocialPost): ViewNode[] {
  const world = ui.world();
  const s = ui.s();
  const me = ui.account();
  const author = post.author;
  const counts = postCounts(ui, post);
  const nodes: ViewNode[] = [
    { cls: IMAGE, id: ui.id("videoAvatar"), desc: DESC.avatar(author), bounds: [940, 1000, 1060, 1120], onTap: () => ui.openUser(author) },
  ];
  const followable = world.user(author) !== undefined && author.toLowerCase() !== me.toLowerCase();
  if (followable && world.relation(me, author) === "none") {
    nodes.push({ cls: BUTTON, id: ui.id("videoFollow"), desc: DESC.follow(author), bounds: [970, 1090, 1030, 1150], onTap: () => ui.act(`follow @${author}`, () => world.follow(me, author)) });
  }
  if (post.live === true) {
    nodes.push(
      { cls: TEXT, id: ui.id("videoLive"), text: s.live, bounds: [950, 1130, 1050, 1180] },
      { cls: TEXT, text: s.watchLive, bounds: [340, 1150, 740, 1230] },
    );
  } else {
    const liked = world.liked(me).has(post.id);
    nodes.push(
      {
        cls: BUTTON,
        id: ui.id("videoLike"),
        desc: DESC.like(counts.likes),
        selected: liked,
        bounds: [940, 1200, 1060, 1380],
        onTap: () => ui.act(`like ${post.id}`, () => world.toggleLike(me, post.id)),
        children: [
          { cls: IMAGE, id: ui.id("videoLikeIcon"), desc: DESC.likeIcon, selected: liked, bounds: [950, 1210, 1050, 1310] },
          { cls: BUTTON, id: ui.id("videoLikeCount"), text: countText(counts.likes), bounds: [940, 1320, 1060, 1380] },
        ],
      },
      {
        cls: BUTTON,
        id: ui.id("videoComments"),
        desc: DESC.comments(counts.comments),
        bounds: [940, 1400, 1060, 1580],
        onTap: () => ui.openComments(post),
        children: [
          { cls: IMAGE, bounds: [950, 1410, 1050, 1510] },
          { cls: BUTTON, id: ui.id("videoCommentCount"), text: countText(counts.comments), bounds: [940, 1520, 1060, 1580] },
        ],
      },
      {
        cls: BUTTON,
        id: ui.id("videoFavorites"),
        desc: DESC.favorites,
        clickable: false,
        focusable: false,
        bounds: [940, 1600, 1060, 1780],
        onTap: () => ui.act(`save ${post.id}`, () => world.toggleSave(me, post.id)),
        children: [
          { cls: IMAGE, bounds: [950, 1610, 1050, 1710] },
          { cls: TEXT, id: ui.id("videoFavoriteCount"), text: countText(counts.saves), bounds: [940, 1720, 1060, 1780] },
        ],
      },
      {
        cls: BUTTON,
        id: ui.id("videoShare"),
        desc: DESC.share(counts.shares),
        bounds: [940, 1800, 1060, 1980],
        onTap: () => ui.event("share sheet not modelled"),
        children: [
          { cls: IMAGE, bounds: [950, 1810, 1050, 1910] },
          { cls: TEXT, id: ui.id("videoShareCount"), text: countText(counts.shares), bounds: [940, 1920, 1060, 1980] },
        ],
      },
    );
  }
  nodes.push({ cls: BUTTON, id: ui.id("videoSound"), desc: DESC.sound(author), bounds: [950, 2020, 1050, 2120], onTap: () => ui.event("sound page from the video not modelled") });
  nodes.push({ cls: BUTTON, id: ui.id("videoAuthor"), text: author, bounds: [40, 1820, 700, 1890], onTap: () => ui.openUser(author) });
  let captionTop = 1900;
  if (post.ad === true) {
    nodes.push({ cls: TEXT, id: ui.id("videoSponsored"), text: s.sponsored, bounds: [40, 1900, 400, 1950] });
    captionTop = 1960;
  }
  nodes.push({ cls: TEXT, id: ui.id("videoCaption"), text: shownCaption(post.caption), bounds: [40, captionTop, 900, captionTop + 110] });
  if (post.ad === true) {
    nodes.push({ cls: BUTTON, id: ui.id("videoLearnMore"), text: s.learnMore, bounds: [40, 2090, 900, 2180], onTap: () => ui.event("ad's link not modelled") });
  }
  return nodes;
}

/** Long captions are cut to a few lines with "more" (TKT43: "Twirling around #Versailles\n…more"). */
function shownCaption(caption: string): string {
  const chars = [...caption];
  return chars.length > 120 ? `${chars.slice(0, 100).join("")}\n\u2026more` : caption;
}
