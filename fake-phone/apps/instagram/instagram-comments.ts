import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { ScrollList } from "../scroll-list.js";
import type { SocialPost } from "../social-world.js";
import { FRAME, IMAGE, type InstagramUi, LINEAR, TEXT } from "./instagram-ui.js";

const FIELD = "comment";
const SHEET_TOP = 600;
const COMPOSER = 160;
const ROW_DP = 72;

export interface CommentsOptions {
  /** Posts whose comments are limited: no input, GA's "Comments on this post have been limited." */
  limited: ReadonlySet<string>;
}

/**
 * The comments sheet (tikmatrix-scripts.md §3.6): `title_text_view` "Comments", the list
 * `sticky_header_list` of rows "<username> <text>" with `row_comment_sub_items_bar` >
 * `row_comment_textview_time_ago` (GA's check that a comment went up), or
 * `comment_empty_state_view` when there are none; the input `layout_comment_thread_edittext`
 * (`…_multiline` on 410, TAKT) with the hint "Add a comment…"; and the post button
 * `layout_comment_thread_post_button_click_area` (desc "Post", GA/TAKT), disabled until the
 * field has text. Posting adds the comment to the world, shows its row and empties the field.
 * Instagram takes no image in a comment (TikMatrix's docs). A bottom sheet, a window of its
 * own: BACK hides the keyboard first (the phone does that), then closes it; so does a tap above
 * it. While the keyboard is up the composer sits on it (the window resizes, adjustResize).
 * The row's id `row_comment_textview_comment` and the empty state's texts are GUESSES.
 */
export class InstagramComments {
  private readonly list = new ScrollList("vertical");

  constructor(
    private readonly ui: InstagramUi,
    private readonly options: CommentsOptions,
  ) {}

  open(post: SocialPost, focus: boolean): void {
    const s = this.ui.s();
    this.list.reset();
    this.ui.setField(FIELD, "");
    this.ui.showDialog({
      title: s.comments,
      bounds: [0, SHEET_TOP, 1080, 2400],
      cancelable: true,
      buttons: [],
      render: () => this.render(post),
    });
    if (focus && !this.options.limited.has(post.id)) this.ui.focus(FIELD);
  }

  private render(post: SocialPost): ViewNode[] {
    const ui = this.ui;
    const s = ui.s();
    const { id } = ui;
    const composerTop = ui.focused() === FIELD ? Math.min(2400, ui.keyboardTop()) - COMPOSER : 2400 - COMPOSER;
    const nodes: ViewNode[] = [
      { cls: TEXT, id: id("title_text_view"), text: s.comments, bounds: [0, SHEET_TOP + 40, 1080, SHEET_TOP + 130] },
    ];
    const listBounds: Rect = [0, SHEET_TOP + 150, 1080, composerTop];
    const comments = ui.world.commentsOn(post.id);
    if (comments.length === 0) {
      nodes.push({
        cls: LINEAR,
        id: id("comment_empty_state_view"),
        bounds: [0, SHEET_TOP + 400, 1080, SHEET_TOP + 640],
        children: [
          { cls: TEXT, text: s.noComments, bounds: [0, SHEET_TOP + 400, 1080, SHEET_TOP + 500] },
          { cls: TEXT, text: s.startConversation, bounds: [0, SHEET_TOP + 520, 1080, SHEET_TOP + 600] },
        ],
      });
    } else {
      const size = ROW_DP * ui.dp().y;
      const items = comments.map((comment) => ({
        size,
        draw: ([l, t, r, b]: Rect): ViewNode => ({
          cls: LINEAR,
          bounds: [l, t, r, b],
          children: [
            { cls: IMAGE, bounds: [l + 30, t + 20, l + 130, t + 120] },
            { cls: TEXT, id: id("row_comment_textview_comment"), text: `${comment.account} ${comment.text}`, bounds: [l + 160, t + 10, r - 40, t + (b - t) * 0.6] },
            {
              cls: LINEAR,
              id: id("row_comment_sub_items_bar"),
              bounds: [l + 160, t + (b - t) * 0.6, r - 40, b - 5],
              children: [
                { cls: TEXT, id: id("row_comment_textview_time_ago"), text: s.justNow, bounds: [l + 160, t + (b - t) * 0.6, l + 300, b - 5] },
                { cls: TEXT, text: s.reply, bounds: [l + 320, t + (b - t) * 0.6, l + 480, b - 5], onTap: () => ui.event("reply not modelled") },
              ],
            },
          ],
        }),
      }));
      nodes.push(this.list.render({ bounds: listBounds, items, id: id("sticky_header_list") }));
    }
    nodes.push(this.composer(post, composerTop));
    return nodes;
  }

  private composer(post: SocialPost, top: number): ViewNode {
    const ui = this.ui;
    const s = ui.s();
    const { id } = ui;
    const bounds: Rect = [0, top, 1080, top + COMPOSER];
    if (this.options.limited.has(post.id)) return { cls: TEXT, text: s.commentsLimited, bounds };
    const text = ui.fieldValue(FIELD);
    const ready = text.trim() !== "";
    const multiline = ui.build.commentInput.endsWith("_multiline");
    const button: ViewNode = {
      cls: FRAME,
      id: id("layout_comment_thread_post_button_click_area"),
      desc: s.post,
      enabled: ready,
      bounds: [900, top + 20, 1060, top + 140],
      onTap: () => this.send(post),
      // 2025's send arrow (TAKT's `…_post_button_icon`); 263's a "Post" label (GA's era).
      children: multiline
        ? [{ cls: IMAGE, id: id("layout_comment_thread_post_button_icon"), enabled: ready, bounds: [920, top + 40, 1040, top + 120] }]
        : [{ cls: TEXT, text: s.post, enabled: ready, bounds: [910, top + 40, 1050, top + 120] }],
    };
    return {
      cls: LINEAR,
      bounds,
      children: [
        { cls: IMAGE, bounds: [30, top + 30, 130, top + 130] },
        ui.field(FIELD, s.commentHint, [150, top + 20, 880, top + 140], { id: id(ui.build.commentInput), multiline, maxLength: 2200 }),
        button,
      ],
    };
  }

  private send(post: SocialPost): void {
    const ui = this.ui;
    const text = ui.fieldValue(FIELD);
    if (text.trim() === "") return;
    if (ui.act(`comment on ${post.id}`, () => ui.world.addComment({ account: ui.account(), postId: post.id, text }))) {
      ui.event(`comment on ${post.id}: ${JSON.stringify(text)}`);
      ui.setField(FIELD, "");
      this.list.reset();
    }
  }
}
