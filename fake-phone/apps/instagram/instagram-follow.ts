import type { ViewNode } from "../../window/view.js";
import type { SocialUser } from "../social-world.js";
import { BUTTON, type InstagramUi, LINEAR, TEXT } from "./instagram-ui.js";

/**
 * Following from a profile, a post's header or a reel, and unfollowing (tikmatrix-scripts.md
 * §3.2–3.3). The label is the world's relation: "Follow", "Following", or "Requested" for a
 * private account (GA's `^following|^requested|^follow`, GK, TAKT). A tap on "Following" opens
 * the follow sheet; its "Unfollow" row (`follow_sheet_unfollow_row`, GA/IGU) unfollows a public
 * account at once and a private one after a confirm (`dialog_body`, `primary_button`
 * "Unfollow", IGU). A tap on "Requested" withdraws the request at once (GUESS: no source).
 */
export class InstagramFollow {
  constructor(
    private readonly ui: InstagramUi,
    /** A follow went through from the profile's header (the profile opens its suggestions). */
    private readonly followed: (username: string) => void = () => undefined,
  ) {}

  label(username: string): string {
    const s = this.ui.s();
    const relation = this.ui.world.relation(this.ui.account(), username);
    return relation === "following" ? s.following : relation === "requested" ? s.requested : s.follow;
  }

  /** "Follow <Full Name>" (GK); for the other labels the same form (GUESS). */
  desc(user: SocialUser): string {
    return this.ui.s().followDesc(this.label(user.username), user.fullName ?? user.username);
  }

  tap(username: string): void {
    const relation = this.ui.world.relation(this.ui.account(), username);
    if (relation === "following") return this.openSheet(username);
    if (relation === "requested") {
      this.ui.act(`withdraw request @${username}`, () => this.ui.world.unfollow(this.ui.account(), username));
      return;
    }
    if (this.ui.act(`follow @${username}`, () => this.ui.world.follow(this.ui.account(), username))) {
      this.ui.event(`follow @${username}`);
      this.followed(username);
    }
  }

  /**
   * The sheet over the lower screen: the username on top, then TAKT's rows (their English
   * wording a GUESS from its French list), "Unfollow" last. Only the unfollow and mute rows have
   * recorded ids; the others have none here. A tap outside or BACK closes it.
   */
  private openSheet(username: string): void {
    const s = this.ui.s();
    const { id } = this.ui;
    const none = (what: string) => () => {
      this.ui.closeDialog(what);
      this.ui.event(`${what} not modelled`);
    };
    const rows: Array<{ text: string; id?: string; onTap: () => void }> = [
      { text: s.closeFriends, onTap: none(s.closeFriends) },
      { text: s.favorites, onTap: none(s.favorites) },
      { text: s.mute, id: "follow_sheet_mute_row", onTap: none(s.mute) },
      { text: s.restrict, onTap: none(s.restrict) },
      { text: s.unfollow, id: "follow_sheet_unfollow_row", onTap: () => this.unfollowRow(username) },
    ];
    const top = 1500;
    this.ui.showDialog({
      title: username,
      bounds: [0, top, 1080, 2400],
      cancelable: true,
      buttons: [],
      render: () => [
        {
          cls: LINEAR,
          id: id("bottom_sheet_container"),
          bounds: [0, top, 1080, 2400],
          children: [
            { cls: TEXT, text: username, bounds: [0, top + 40, 1080, top + 140] },
            ...rows.map((row, i): ViewNode => ({ cls: TEXT, text: row.text, id: row.id === undefined ? undefined : id(row.id), bounds: [0, top + 160 + i * 140, 1080, top + 290 + i * 140], onTap: row.onTap })),
          ],
        },
      ],
    });
  }

  private unfollowRow(username: string): void {
    const s = this.ui.s();
    this.ui.closeDialog(s.unfollow);
    if (this.ui.world.user(username)?.private !== true) return this.unfollow(username);
    const { id } = this.ui;
    this.ui.showDialog({
      title: s.unfollowTitle(username),
      bounds: [90, 900, 990, 1500],
      cancelable: true,
      buttons: [],
      render: () => [
        { cls: TEXT, id: id("dialog_title"), text: s.unfollowTitle(username), bounds: [140, 940, 940, 1020] },
        { cls: TEXT, id: id("dialog_body"), text: s.unfollowBody(username), bounds: [140, 1030, 940, 1180] },
        {
          cls: BUTTON,
          id: id("primary_button"),
          text: s.unfollow,
          bounds: [90, 1220, 990, 1350],
          onTap: () => {
            this.ui.closeDialog(s.unfollow);
            this.unfollow(username);
          },
        },
        // CS lists `auxiliary_button` among Instagram's dialog shells; for this dialog a GUESS.
        { cls: BUTTON, id: id("auxiliary_button"), text: s.cancel, bounds: [90, 1360, 990, 1490], onTap: () => this.ui.closeDialog(s.cancel) },
      ],
    });
  }

  private unfollow(username: string): void {
    if (this.ui.act(`unfollow @${username}`, () => this.ui.world.unfollow(this.ui.account(), username))) this.ui.event(`unfollow @${username}`);
  }
}
