import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { ScrollList } from "../scroll-list.js";
import type { SocialPost, SocialUser } from "../social-world.js";
import { type TikTokSocialUi, countText, seeded } from "./tiktok-social-ui.js";
import { BUTTON, FRAME, IMAGE, TEXT } from "./tiktok-ui.js";

const RELATIVE = "android.widget.RelativeLayout";
const ROW_DP = 76;

/** Users whose username or full name holds the query (a leading "@" ignored), in the world's order. */
export function matchingUsers(ui: TikTokSocialUi, query: string): SocialUser[] {
  const q = query.replace(/^@/, "").toLowerCase();
  return ui.world().users.filter((user) => user.username.toLowerCase().includes(q) || (user.fullName ?? "").toLowerCase().includes(q));
}

/** Posts (the feed's and those reachable by link) whose caption holds the query. */
export function matchingPosts(ui: TikTokSocialUi, query: string): SocialPost[] {
  const q = query.toLowerCase();
  return ui.world().allPosts().filter((post) => post.caption.toLowerCase().includes(q));
}

/**
 * The Users tab (TAKT followers.py, dump 2026-01-11 135605): a RecyclerView `lnp` of clickable
 * Buttons, each around a RelativeLayout `sh2` holding the username `ye2`, the full name and the
 * follower count `xf0` ("12.3K followers"), and the row's own Button `rdh` "Follow" / "Following"
 * ("Requested" for a private user asked). TAKT matches `@text="@<name>"` first and then falls back to
 * contains(): the row shows the bare username (the harder case for an exact "@name" match); the
 * full name's id is not recorded. A row opens the profile; `rdh` follows at once, and on
 * "Following" opens the same unfollow sheet as the profile (TAKT's list confirms on "Unfollow").
 */
export function userRows(ui: TikTokSocialUi, users: readonly SocialUser[], list: ScrollList, bounds: Rect, unfollow: (user: SocialUser) => void): ViewNode {
  const { y } = ui.dp();
  const s = ui.s();
  const world = ui.world();
  const me = ui.account();
  return list.render({
    bounds,
    id: ui.id("searchUserList"),
    items: users.map((user) => ({
      size: y * ROW_DP,
      draw: ([l, t, r, b]: Rect): ViewNode => {
        const relation = world.relation(me, user.username);
        const followers = seeded(`followers:${user.username}`, 90_000) + (relation === "following" ? 1 : 0);
        const button: ViewNode = {
          cls: BUTTON,
          id: ui.id("searchUserFollow"),
          text: relation === "following" ? s.following : relation === "requested" ? s.requested : s.follow,
          bounds: [r - 300, t + 30, r - 30, b - 30],
          onTap: () => {
            if (relation === "following") return unfollow(user);
            if (relation === "requested") return void ui.act(`withdraw request @${user.username}`, () => world.unfollow(me, user.username));
            ui.act(`follow @${user.username}`, () => world.follow(me, user.username));
          },
        };
        return {
          cls: BUTTON,
          id: ui.id("searchUserRow"),
          bounds: [l, t, r, b],
          onTap: () => ui.openUser(user.username),
          children: [
            {
              cls: RELATIVE,
              id: ui.id("searchUserBody"),
              bounds: [l, t, r - 320, b],
              children: [
                { cls: IMAGE, bounds: [l + 30, t + 20, l + 150, b - 20] },
                { cls: TEXT, id: ui.id("searchUserName"), text: user.username, bounds: [l + 180, t + 15, r - 320, t + 70] },
                { cls: TEXT, id: ui.id("searchUserFullName"), text: user.fullName ?? user.username, bounds: [l + 180, t + 70, r - 320, t + 120] },
                { cls: TEXT, id: ui.id("searchUserFollowers"), text: s.followersRow(countText(followers), followers), bounds: [l + 180, t + 120, r - 320, b - 10] },
              ],
            },
            button,
          ],
        };
      },
    })),
  });
}

/**
 * The Videos tab: matching posts two across, each a clickable cover with its caption and author
 * below (no source records this grid's ids: the build's seed). A cell opens the video page at
 * that post, the results after it (warm-up by topic).
 */
export function videoCells(ui: TikTokSocialUi, posts: readonly SocialPost[], bounds: Rect): ViewNode {
  const [, top] = bounds;
  const cells = posts.slice(0, 6).map((post, i): ViewNode => {
    const left = (i % 2) * 540 + 10;
    const cellTop = top + 20 + Math.floor(i / 2) * 700;
    const cell: Rect = [left, cellTop, left + 520, cellTop + 680];
    return {
      cls: FRAME,
      id: ui.id("searchVideoCell"),
      bounds: cell,
      onTap: () => ui.openVideos(posts, i),
      children: [
        { cls: IMAGE, bounds: [left, cellTop, left + 520, cellTop + 560] },
        { cls: TEXT, id: ui.id("searchVideoCaption"), text: post.caption, bounds: [left + 10, cellTop + 570, left + 510, cellTop + 630] },
        { cls: TEXT, id: ui.id("searchVideoAuthor"), text: post.author, bounds: [left + 10, cellTop + 630, left + 510, cellTop + 680] },
      ],
    };
  });
  return { cls: "android.widget.GridView", id: ui.id("searchResults"), bounds, children: cells };
}
