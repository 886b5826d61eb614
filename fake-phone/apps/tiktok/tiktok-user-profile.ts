import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { SocialUser } from "../social-world.js";
import { DESC, type TikTokSocialUi, countText, seeded } from "./tiktok-social-ui.js";
import { BUTTON, FRAME, IMAGE, LINEAR, TEXT } from "./tiktok-ui.js";

/** Another user's profile on the back stack: `user:<username>` as the link or row named it. */
export type UserScreen = `user:${string}`;

const RELATIVE = "android.widget.RelativeLayout";

/**
 * Another user's profile (research §2.2; TKT43 = 43.1.4's dump, TAKT's selectors): Back, the
 * top bar's "Notifications" and "Share", the display name (a Button without id), the @handle
 * `qh5` (a Button), the counters (values `qfw`, labels `qfv`: "Following", "Followers" or
 * "Follower" for 1, "Likes" or "Like"), then the buttons:
 *  - not followed: `eme`, a wide TextView "Follow", and a Button "Message";
 *  - followed: `eme` reads "Message" (TAKT matches `eme` with text "Message": a GUESS that the
 *    same view changes) and a Button "Following" beside it; no "Friends" (mutual follows are
 *    not modelled);
 *  - requested (a private user): `eme` "Requested"; a tap withdraws the request.
 * Tapping "Following" is documented nowhere: the harder case, a sheet whose "Unfollow" row must
 * be tapped. A private user not followed shows "This account is private" (GUESS) and no videos;
 * otherwise the Videos tab (desc "Videos", selected) over the user's posts, or "No videos yet"
 * (`w4m`, TAKT). A name no user has: "Couldn't find this account" (GUESS, the web's text).
 */
export class TikTokUserProfile {
  constructor(private readonly ui: TikTokSocialUi) {}

  open(username: string): void {
    this.ui.event(`profile @${username}`);
    this.ui.go(`user:${username.replace(/^@/, "")}`);
  }

  render(screen: UserScreen): ViewNode[] {
    const { ui } = this;
    const s = ui.s();
    const name = screen.slice("user:".length);
    const user = ui.world().user(name);
    const back: ViewNode = { cls: IMAGE, id: ui.id("userBack"), desc: DESC.back, bounds: [20, 30, 130, 140], onTap: () => ui.close() };
    if (user === undefined) {
      return [
        back,
        { cls: TEXT, id: ui.id("userNotice"), text: s.notFoundTitle, bounds: [100, 900, 980, 1000] },
        { cls: TEXT, text: s.notFoundBody, bounds: [100, 1020, 980, 1160] },
      ];
    }
    const relation = ui.world().relation(ui.account(), user.username);
    const hidden = user.private === true && relation !== "following";
    return [
      back,
      { cls: BUTTON, id: ui.id("userName"), text: user.fullName ?? user.username, bounds: [290, 30, 790, 130] },
      { cls: IMAGE, id: ui.id("userNotifications"), desc: DESC.notifications, bounds: [840, 30, 940, 130], onTap: () => ui.event("post notifications not modelled") },
      { cls: IMAGE, id: ui.id("userShare"), desc: DESC.share2, bounds: [960, 30, 1060, 130], onTap: () => ui.event("share profile not modelled") },
      { cls: IMAGE, bounds: [440, 170, 640, 370] },
      { cls: BUTTON, id: ui.id("profileUsername"), text: `@${user.username}`, bounds: [340, 390, 740, 450], onTap: () => ui.event("username copied") },
      ...this.counters(user, relation === "following"),
      ...this.buttons(user, relation),
      ...(hidden ? this.privateNotice() : this.videos(user)),
    ];
  }

  private counters(user: SocialUser, followed: boolean): ViewNode[] {
    const { ui } = this;
    const s = ui.s();
    const followers = seeded(`followers:${user.username}`, 90_000) + (followed ? 1 : 0);
    const cells: Array<[number, string]> = [
      [seeded(`following:${user.username}`, 900), s.followingLabel],
      [followers, s.followersLabel(followers)],
      [seeded(`likes:${user.username}`, 2_000_000), ""],
    ];
    return cells.map(([count, label], i): ViewNode => {
      const left = 150 + i * 270;
      const text = i === 2 ? s.likesLabel(count) : label;
      return {
        cls: LINEAR,
        id: ui.id("userCount"),
        bounds: [left, 480, left + 240, 580],
        onTap: () => ui.event(`${text} list not modelled`),
        children: [
          { cls: TEXT, id: ui.id("userCountValue"), text: countText(count), bounds: [left, 480, left + 240, 530] },
          { cls: TEXT, id: ui.id("userCountLabel"), text, bounds: [left, 530, left + 240, 580] },
        ],
      };
    });
  }

  private buttons(user: SocialUser, relation: "following" | "requested" | "none"): ViewNode[] {
    const { ui } = this;
    const s = ui.s();
    const world = ui.world();
    const me = ui.account();
    const wide: Rect = [150, 610, 640, 710];
    const side: Rect = [660, 610, 930, 710];
    const message = () => ui.event(`message @${user.username} not modelled`);
    if (relation === "following") {
      return [
        { cls: TEXT, id: ui.id("userFollow"), text: s.message, bounds: wide, onTap: message },
        { cls: BUTTON, id: ui.id("userFollowing"), text: s.following, bounds: side, onTap: () => this.askUnfollow(user) },
      ];
    }
    const follow: ViewNode =
      relation === "requested"
        ? { cls: TEXT, id: ui.id("userFollow"), text: s.requested, bounds: wide, onTap: () => ui.act(`withdraw request @${user.username}`, () => world.unfollow(me, user.username)) }
        : { cls: TEXT, id: ui.id("userFollow"), text: s.follow, bounds: wide, onTap: () => ui.act(`follow @${user.username}`, () => world.follow(me, user.username)) };
    return [follow, { cls: BUTTON, id: ui.id("userMessage"), text: s.message, bounds: side, onTap: message }];
  }

  /** The harder case for a tap on "Following" (no source): a sheet; only its "Unfollow" row unfollows. */
  askUnfollow(user: SocialUser): void {
    const { ui } = this;
    const s = ui.s();
    const row = (text: string, top: number, onTap: () => void): ViewNode => ({ cls: TEXT, id: ui.id("unfollowRow"), text, bounds: [60, top, 1020, top + 130], onTap });
    ui.showDialog({
      title: `@${user.username}`,
      bounds: [0, 1700, 1080, 2400],
      cancelable: true,
      buttons: [],
      render: () => [
        { cls: TEXT, text: `@${user.username}`, bounds: [60, 1730, 1020, 1820] },
        row(s.notificationsRow, 1850, () => ui.event("post notifications not modelled")),
        row(s.muteRow, 2000, () => ui.event("mute not modelled")),
        row(s.unfollow, 2150, () => {
          ui.closeDialog(s.unfollow);
          ui.act(`unfollow @${user.username}`, () => ui.world().unfollow(ui.account(), user.username));
        }),
      ],
    });
  }

  private privateNotice(): ViewNode[] {
    const s = this.ui.s();
    return [
      { cls: IMAGE, bounds: [470, 900, 610, 1040] },
      { cls: TEXT, id: this.ui.id("userNotice"), text: s.privateTitle, bounds: [100, 1070, 980, 1160] },
      { cls: TEXT, text: s.privateBody, bounds: [100, 1180, 980, 1300] },
    ];
  }

  private videos(user: SocialUser): ViewNode[] {
    const { ui } = this;
    const posts = ui.world().allPosts().filter((post) => post.author.toLowerCase() === user.username.toLowerCase());
    const tab: ViewNode = { cls: RELATIVE, id: ui.id("userVideosTab"), desc: DESC.videosTab, selected: true, bounds: [0, 760, 360, 860], onTap: () => undefined, children: [{ cls: IMAGE, bounds: [140, 780, 220, 840] }] };
    if (posts.length === 0) return [tab, { cls: TEXT, id: ui.id("userEmpty"), text: ui.s().noVideos, bounds: [100, 1100, 980, 1200] }];
    const cells = posts.slice(0, 9).map((post, i): ViewNode => {
      const left = (i % 3) * 360;
      const top = 880 + Math.floor(i / 3) * 480;
      const bounds: Rect = [left, top, left + 358, top + 478];
      return {
        cls: FRAME,
        id: ui.id("userCell"),
        bounds,
        onTap: () => ui.openVideos(posts, i),
        children: [
          { cls: IMAGE, id: ui.id("profileCover"), bounds },
          { cls: TEXT, id: ui.id("profileViews"), text: countText(seeded(`views:${post.id}`, 500_000)), bounds: [left + 20, top + 408, left + 200, top + 468] },
        ],
      };
    });
    return [tab, { cls: "android.widget.GridView", id: ui.id("userGrid"), scrollable: posts.length > 6, bounds: [0, 880, 1080, 2400], children: cells }];
  }
}
