import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { RECYCLER_VIEW, ScrollList } from "../scroll-list.js";
import type { SocialUser } from "../social-world.js";
import { InstagramFollow } from "./instagram-follow.js";
import { notAvailable } from "./instagram-not-available.js";
import { BUTTON, FRAME, IMAGE, type InstagramUi, LINEAR, TEXT, VIEW_GROUP, postsBy } from "./instagram-ui.js";

const CARD_WIDTH = 330;

/**
 * Another user's profile, as GK's December 2025 dumps show it (tikmatrix-scripts.md §3.2:
 * `kingmakerpulse_20251222_212958`, `clipsonpodcast_20251226_111653` public,
 * `snappoddaily_20251222_144835` private): Back and Options (descs, no ids), the username in
 * `action_bar_title`, the counts ("9posts"), the full name, the Follow button
 * `profile_header_follow_button` inside `profile_header_user_action_follow_button`, Message,
 * and the grid. A private account the phone's account does not follow shows a full-width
 * Follow, "This account is private" and a "Suggested for you" carousel whose cards have Follow
 * buttons of their own (`suggested_user_card_follow_button`, desc "Follow <name>"): the pitfall
 * the research names. A follow from the header of a public profile opens the same carousel
 * under the header (Instagram's "chaining"; no dump shows it open: GUESS, the harder case).
 */
export class InstagramUserProfile {
  private readonly follow: InstagramFollow;
  private readonly cards = new ScrollList("horizontal");
  /** Profiles whose suggestions a follow opened (row_profile_header_button_chaining toggles them). */
  private readonly chaining = new Set<string>();

  constructor(private readonly ui: InstagramUi) {
    this.follow = new InstagramFollow(ui, (username) => {
      this.chaining.add(username.toLowerCase());
      this.cards.reset();
    });
  }

  /** A follow button elsewhere (a post's header, a reel) goes the same way, without the carousel. */
  get follows(): InstagramFollow {
    return this.follow;
  }

  render(username: string): ViewNode[] {
    const user = this.ui.world.user(username);
    if (user === undefined) return notAvailable(this.ui);
    const ui = this.ui;
    const s = ui.s();
    const relation = ui.world.relation(ui.account(), user.username);
    const locked = user.private === true && relation !== "following";
    const nodes: ViewNode[] = [
      { cls: IMAGE, desc: s.back, bounds: [0, 20, 140, 160], onTap: () => ui.close() },
      { cls: TEXT, id: ui.id("action_bar_title"), text: user.username, desc: user.username, bounds: [160, 40, 800, 140] },
      { cls: IMAGE, desc: s.options, bounds: [940, 20, 1080, 160], onTap: () => ui.event("profile options not modelled") },
      { cls: IMAGE, bounds: [40, 200, 280, 440] },
      ...this.counts(user, relation === "following"),
      { cls: TEXT, id: ui.id("profile_header_full_name_above_vanity"), text: user.fullName ?? "", bounds: [40, 460, 1040, 530] },
      ...this.actions(user, locked),
    ];
    let top = 720;
    const carousel = locked || this.chaining.has(user.username.toLowerCase());
    if (locked) {
      nodes.push(
        { cls: TEXT, id: ui.id("row_profile_header_empty_profile_notice_title"), text: s.privateTitle, bounds: [40, 760, 1040, 840] },
        { cls: TEXT, id: ui.id("row_profile_header_empty_profile_notice_subtitle"), text: s.privateSubtitle, bounds: [40, 850, 1040, 930] },
      );
      top = 980;
    }
    if (carousel) {
      const suggested = this.suggestions(user);
      if (suggested.length > 0) {
        nodes.push(...this.carousel(suggested, top));
        top += 540;
      }
    }
    if (!locked) nodes.push(...this.grid(user, top));
    nodes.push(ui.tabBar("none"));
    return nodes;
  }

  /** Values are the world's feed posts by the user, and counts drawn from the name (+1 while followed). */
  private counts(user: SocialUser, followed: boolean): ViewNode[] {
    const s = this.ui.s();
    const { id } = this.ui;
    const seed = hash(user.username);
    const cell = (i: number, container: string, value: string, label: string, count: number): ViewNode => {
      const bounds: Rect = [320 + i * 240, 240, 540 + i * 240, 400];
      return {
        cls: VIEW_GROUP,
        id: id(container),
        desc: `${count}${label}`,
        bounds,
        onTap: () => this.ui.event(`${label} list not modelled`),
        children: [
          { cls: TEXT, id: id(value), text: String(count), bounds: [bounds[0], 240, bounds[2], 320] },
          { cls: TEXT, id: id(value.replace(/_value$/, "_label")), text: label, bounds: [bounds[0], 320, bounds[2], 400] },
        ],
      };
    };
    return [
      cell(0, "profile_header_post_count_front_familiar", "profile_header_familiar_post_count_value", s.posts, postsBy(this.ui.world, user.username).length),
      cell(1, "profile_header_followers_stacked_familiar", "profile_header_familiar_followers_value", s.followers, 20 + (seed % 900) + (followed ? 1 : 0)),
      cell(2, "profile_header_following_stacked_familiar", "profile_header_familiar_following_value", s.followingCount, 10 + ((seed >>> 10) % 500)),
    ];
  }

  private actions(user: SocialUser, locked: boolean): ViewNode[] {
    const s = this.ui.s();
    const { id } = this.ui;
    const label = this.follow.label(user.username);
    const followBounds: Rect = locked ? [40, 580, 1040, 690] : [40, 580, 500, 690];
    const nodes: ViewNode[] = [
      {
        cls: VIEW_GROUP,
        id: id("profile_header_user_action_follow_button"),
        bounds: followBounds,
        children: [{ cls: BUTTON, id: id("profile_header_follow_button"), text: label, desc: this.follow.desc(user), bounds: followBounds, onTap: () => this.follow.tap(user.username) }],
      },
    ];
    if (!locked) {
      nodes.push(
        { cls: BUTTON, id: id("button_container"), desc: s.message, bounds: [520, 580, 960, 690], onTap: () => this.ui.event("message not modelled"), children: [{ cls: TEXT, text: s.message, bounds: [520, 580, 960, 690] }] },
        // GK's suggestions toggle: a Button whose desc the dumps left unresolved (none here).
        { cls: BUTTON, id: id("row_profile_header_button_chaining"), bounds: [980, 580, 1060, 690], onTap: () => this.toggleChaining(user.username) },
      );
    }
    return nodes;
  }

  private toggleChaining(username: string): void {
    const key = username.toLowerCase();
    if (!this.chaining.delete(key)) this.chaining.add(key);
    this.cards.reset();
  }

  /** Other users of the world, not the profile's, not yet followed or requested. */
  private suggestions(user: SocialUser): SocialUser[] {
    const { world } = this.ui;
    const me = this.ui.account().toLowerCase();
    return world.users.filter((other) => {
      const name = other.username.toLowerCase();
      return name !== user.username.toLowerCase() && name !== me && world.relation(this.ui.account(), other.username) === "none";
    });
  }

  /** "Suggested for you", "See all", and a horizontal RecyclerView of cards (ids other than the button's: none recorded). */
  private carousel(users: SocialUser[], top: number): ViewNode[] {
    const s = this.ui.s();
    const { id } = this.ui;
    const items = users.map((other) => ({
      size: CARD_WIDTH,
      draw: ([l, t, r, b]: Rect): ViewNode => ({
        cls: FRAME,
        bounds: [l + 10, t, r - 10, b],
        onTap: () => this.ui.go(`user:${other.username}`),
        children: [
          { cls: IMAGE, bounds: [l + 85, t + 30, r - 85, t + 190] },
          { cls: TEXT, text: other.username, bounds: [l + 20, t + 210, r - 20, t + 260] },
          { cls: TEXT, text: other.fullName ?? "", bounds: [l + 20, t + 265, r - 20, t + 310] },
          {
            cls: BUTTON,
            id: id("suggested_user_card_follow_button"),
            text: this.follow.label(other.username),
            desc: this.follow.desc(other),
            bounds: [l + 30, t + 330, r - 30, t + 420],
            onTap: () => this.follow.tap(other.username),
          },
        ],
      }),
    }));
    return [
      { cls: TEXT, text: s.suggestedForYou, bounds: [40, top, 700, top + 70] },
      { cls: TEXT, text: s.seeAll, bounds: [820, top, 1040, top + 70], onTap: () => this.ui.event("see all suggestions not modelled") },
      this.cards.render({ bounds: [0, top + 90, 1080, top + 520], items, cls: RECYCLER_VIEW }),
    ];
  }

  /** The tabs (`profile_tab_icon_view`) and the grid: `image_button` "Reel by … at Row 1, Column 1" (GK's form). */
  private grid(user: SocialUser, top: number): ViewNode[] {
    const s = this.ui.s();
    const { id } = this.ui;
    const tabs = s.profileTabs.map((desc, i): ViewNode => ({ cls: IMAGE, id: id("profile_tab_icon_view"), desc, selected: i === 0, bounds: [i * 270, top, (i + 1) * 270, top + 120], onTap: () => undefined }));
    const tiles = postsBy(this.ui.world, user.username)
      .slice(0, 9)
      .map((post, i): ViewNode => {
        const row = Math.floor(i / 3);
        const column = i % 3;
        const y = top + 130 + row * 480;
        return {
          cls: BUTTON,
          id: id("image_button"),
          desc: s.tile(this.ui.isVideo(post) ? "Reel" : "Photo", user.username, row + 1, column + 1),
          bounds: [column * 360, y, column * 360 + 358, Math.min(2240, y + 478)],
          onTap: () => this.ui.go(`post:${post.id}`),
        };
      })
      .filter((tile) => tile.bounds[1] < 2240);
    return [{ cls: LINEAR, bounds: [0, top, 1080, top + 120], children: tabs }, ...tiles];
  }
}

function hash(text: string): number {
  let value = 2166136261;
  for (const char of text.toLowerCase()) value = Math.imul(value ^ (char.codePointAt(0) ?? 0), 16777619);
  return value >>> 0;
}
