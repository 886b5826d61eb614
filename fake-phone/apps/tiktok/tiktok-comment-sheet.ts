import type { MediaRow } from "../../system/media-store.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { type ListItem, ScrollList } from "../scroll-list.js";
import type { SocialPost } from "../social-world.js";
import { TikTokCommentPicker } from "./tiktok-comment-picker.js";
import { DESC, type TikTokSocialUi, keyboardTop, seeded } from "./tiktok-social-ui.js";
import { postCounts } from "./tiktok-video-controls.js";
import { BUTTON, FRAME, IMAGE, LINEAR, TEXT } from "./tiktok-ui.js";

export const COMMENT_SHEET_TITLE = "Comments";
const SHEET: Rect = [0, 700, 1080, 2400];
const LIST: Rect = [0, 830, 1080, 2100];
const BAR: Rect = [0, 2240, 1080, 2400];
const FIELD = "comment";
const ROW_DP = 80;
const IMAGE_DP = 90;
/** Other viewers' comments (the model's own), a few per post after ours. */
const OTHERS = ["This is so good \u{1F60D}", "Where is this?", "\u{1F525}\u{1F525}\u{1F525}", "Love it", "Need this in my life", "So relaxing"];

/**
 * The comment sheet (GK's v43 dump 2025-12-26 160007): a bottom sheet, a window of its own as the
 * account switcher is, so a dump shows only it. The header `tmr` "\u200eN comments" (with GK's
 * leading U+200E), Sort `dse`, Close `b9b` (desc "Close"), the rows (commenter Button `:id/title`,
 * text `e7j`, age `dt1`, "Reply" `drx`, the like Button `ijb` with GK's unresolved desc
 * "@2131888139" around `kwi` "Thumbs up"), and the input bar: the EditText `dpl` "Add comment...",
 * `jfd` (desc unresolved "@2131888096", as dumped; probably the image attach: GUESS, modelled as
 * it), "Stickers" `kfe`, "Mention someone" `k9m`.
 *
 * A tap on `dpl` opens the real field above the keyboard, focused, with the collapsed bar still
 * behind it (RS: "two EditText nodes … the collapsed bar behind the drawer (focused=false) and the
 * real field inside it (focused=true)"). Both are in the sheet's window; where the keyboard covers
 * the bar wholly, a phone whose dump leaves out covered views leaves the bar out (a Pixel), and one
 * that does not dumps both (a Galaxy A). The bar keeps its hint while the real field is open and
 * shows the draft once it closes. The send Button (desc "Post comment", no text: VN-U2) shows only
 * while the field has text. BACK hides the keyboard first (the window manager), then closes the sheet.
 */
export class TikTokCommentSheet {
  private post: SocialPost | undefined;
  private attached: MediaRow | undefined;
  private readonly list = new ScrollList();
  private readonly picker: TikTokCommentPicker;

  constructor(private readonly ui: TikTokSocialUi) {
    this.picker = new TikTokCommentPicker(ui, (row) => {
      this.attached = row;
      ui.event(`comment image ${row.path}`);
    });
  }

  open(post: SocialPost): void {
    const { ui } = this;
    this.post = post;
    this.attached = undefined;
    this.list.reset();
    ui.setField(FIELD, "");
    ui.showDialog({ title: COMMENT_SHEET_TITLE, bounds: SHEET, cancelable: true, buttons: [], render: () => this.render(), back: () => ui.closeDialog("back") });
  }

  private get editing(): boolean {
    return this.ui.focusedField() === FIELD;
  }

  private render(): ViewNode[] {
    const { ui } = this;
    const post = this.post;
    if (post === undefined) return [];
    const s = ui.s();
    const nodes: ViewNode[] = [
      { cls: TEXT, id: ui.id("commentHeader"), text: s.commentsHeader(postCounts(ui, post).comments), bounds: [200, 730, 820, 810] },
      { cls: IMAGE, id: ui.id("commentSort"), desc: DESC.sort, bounds: [840, 730, 930, 810], onTap: () => ui.event("comment sort not modelled") },
      { cls: IMAGE, id: ui.id("commentClose"), desc: DESC.close, bounds: [960, 730, 1060, 810], onTap: () => ui.closeDialog("close") },
      this.list.render({ bounds: LIST, id: ui.id("commentList"), items: this.rows(post) }),
    ];
    if (this.attached !== undefined && !this.editing) nodes.push(...this.attachment([30, 2110, 150, 2230]));
    nodes.push(this.bar());
    if (this.editing) nodes.push(this.panel());
    return nodes;
  }

  private rows(post: SocialPost): ListItem[] {
    const { ui } = this;
    const world = ui.world();
    const { y } = ui.dp();
    const ours = world.commentsOn(post.id).reverse().map((comment) => ({ name: comment.account, text: comment.text, age: age(comment.at), image: comment.image !== undefined }));
    const me = ui.account().toLowerCase();
    const names = world.users.map((user) => user.username).filter((name) => name.toLowerCase() !== me && name.toLowerCase() !== post.author.toLowerCase());
    const others = Array.from({ length: 2 + seeded(`others:${post.id}`, 4) }, (_, i) => ({
      name: names[i % Math.max(1, names.length)] ?? `viewer_${seeded(`${post.id}:${i}`, 9000) + 1000}`,
      text: OTHERS[(seeded(post.id, OTHERS.length) + i) % OTHERS.length] ?? "",
      age: `${1 + seeded(`age:${post.id}:${i}`, 6)}d`,
      image: false,
    }));
    return [...ours, ...others].map((row) => ({ size: y * (ROW_DP + (row.image ? IMAGE_DP : 0)), draw: (at: Rect) => this.row(row, at) }));
  }

  private row(row: { name: string; text: string; age: string; image: boolean }, [l, t, r, b]: Rect): ViewNode {
    const { ui } = this;
    const s = ui.s();
    const children: ViewNode[] = [
      { cls: IMAGE, bounds: [l + 30, t + 20, l + 120, t + 110] },
      {
        cls: BUTTON,
        id: ui.id("commentAuthor"),
        text: row.name,
        bounds: [l + 150, t + 10, r - 200, t + 60],
        onTap: () => {
          ui.closeDialog(`@${row.name}`);
          ui.openUser(row.name);
        },
      },
      { cls: TEXT, id: ui.id("commentText"), text: row.text, bounds: [l + 150, t + 60, r - 200, t + 120] },
    ];
    if (row.image) children.push({ cls: IMAGE, id: ui.id("commentImageShown"), bounds: [l + 150, t + 125, l + 330, b - 60] });
    children.push(
      { cls: TEXT, id: ui.id("commentAge"), text: row.age, bounds: [l + 150, b - 55, l + 260, b - 5] },
      { cls: BUTTON, id: ui.id("commentReply"), text: s.reply, bounds: [l + 280, b - 55, l + 440, b - 5], onTap: () => ui.event("reply not modelled") },
      {
        cls: BUTTON,
        id: ui.id("commentLikeButton"),
        desc: DESC.commentLikeButton,
        bounds: [r - 150, t + 20, r - 30, t + 140],
        onTap: () => ui.event("comment like not modelled"),
        children: [{ cls: IMAGE, id: ui.id("commentLike"), desc: DESC.thumbsUp, bounds: [r - 130, t + 40, r - 50, t + 120] }],
      },
    );
    return { cls: LINEAR, id: ui.id("commentRow"), bounds: [l, t, r, b], children };
  }

  /** The collapsed bar: `dpl` is no text field of its own; a tap opens the real one. */
  private bar(): ViewNode {
    const { ui } = this;
    const s = ui.s();
    const [l, t, r, b] = BAR;
    const draft = ui.fieldValue(FIELD);
    return {
      cls: LINEAR,
      id: ui.id("commentBar"),
      bounds: [l, t, r, b],
      children: [
        {
          cls: "android.widget.EditText",
          id: ui.id("commentInput"),
          text: this.editing || draft === "" ? s.addComment : draft,
          focusable: true,
          focused: false,
          bounds: [30, t + 20, 640, b - 20],
          onTap: () => ui.focus(FIELD),
        },
        {
          cls: BUTTON,
          id: ui.id("commentImage"),
          desc: DESC.attachImage,
          bounds: [660, t + 20, 780, b - 20],
          onTap: () => this.picker.open(),
          children: [{ cls: IMAGE, id: ui.id("commentImageIcon"), bounds: [680, t + 40, 760, b - 40] }],
        },
        { cls: IMAGE, id: ui.id("commentStickers"), desc: DESC.stickers, bounds: [800, t + 20, 900, b - 20], onTap: () => ui.event("stickers not modelled") },
        { cls: IMAGE, id: ui.id("commentMention"), desc: DESC.mention, bounds: [920, t + 20, 1040, b - 20], onTap: () => ui.event("mention not modelled") },
      ],
    };
  }

  /** The real field, just above the phone's keyboard, with the picked photo and, once typed in, send. */
  private panel(): ViewNode {
    const { ui } = this;
    const s = ui.s();
    const bottom = Math.min(keyboardTop(ui), BAR[1]);
    const top = bottom - 160;
    const children: ViewNode[] = [];
    let left = 20;
    if (this.attached !== undefined) {
      children.push(...this.attachment([20, top + 20, 140, top + 140]));
      left = 160;
    }
    children.push(ui.field(FIELD, s.addComment, [left, top + 20, 840, top + 140], { id: ui.id("commentField") }));
    if (ui.fieldValue(FIELD) !== "") children.push({ cls: BUTTON, id: ui.id("commentSend"), desc: DESC.post, bounds: [860, top + 20, 1060, top + 140], onTap: () => this.send() });
    return { cls: LINEAR, bounds: [0, top, 1080, bottom], children };
  }

  /** The picked photo and its remove button (no source: an ImageView without desc and an "x" desc "Remove", own). */
  private attachment([l, t, r, b]: Rect): ViewNode[] {
    const { ui } = this;
    return [
      { cls: FRAME, bounds: [l, t, r, b], children: [{ cls: IMAGE, id: ui.id("commentAttached"), bounds: [l, t, r, b] }] },
      { cls: IMAGE, id: ui.id("commentAttachedRemove"), desc: "Remove", bounds: [r - 40, t, r, t + 40], onTap: () => (this.attached = undefined) },
    ];
  }

  private send(): void {
    const { ui } = this;
    const post = this.post;
    const text = ui.fieldValue(FIELD);
    if (post === undefined || text === "") return;
    const image = this.attached === undefined ? undefined : ui.media().open(this.attached.uri)?.data;
    const sent = ui.act(`comment on ${post.id}`, () => ui.world().addComment({ account: ui.account(), postId: post.id, text, ...(image === undefined ? {} : { image }) }));
    if (!sent) return;
    ui.setField(FIELD, "");
    this.attached = undefined;
    this.list.reset();
    ui.blur();
  }
}

/** "1s", "5m", "5h", "3d" as GK's rows show ages. */
function age(at: number): string {
  const seconds = Math.max(1, Math.floor((Date.now() - at) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
