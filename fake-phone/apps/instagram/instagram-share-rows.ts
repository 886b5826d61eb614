import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { type ListItem, ScrollList } from "../scroll-list.js";
import type { InstagramStrings } from "./strings.js";

const TEXT = "android.widget.TextView";
const IMAGE = "android.widget.ImageView";
const LINEAR = "android.widget.LinearLayout";
const TOGGLE = "android.widget.ToggleButton";

/** The share screen's list, between the action bar and the footer (GK: [0,139][720,1215] of 720×1344). */
export const SHARE_LIST: Rect = [0, 160, 1080, 2160];

/**
 * Row heights in dp (GK, 2.0 density: the AI row [0,711][720,847] is 68 dp, the Threads and
 * Facebook rows 56). The cover above the caption is sized so that "Add AI label" starts 625 dp
 * into the list: below the fold of a 720×1600 phone's 603 dp list, inside a Pixel 7's 715 dp
 * (13 of GK's 44 dumps had it below the fold, pushed down by the location chips).
 */
const DP = { cover: { reel: 300, feed: 348 }, caption: 64, chips: 48, row: 56, locationChips: 45, ai: 68, header: 44 } as const;

/** Location suggestions under "Add location": the model's own places. */
const PLACES = ["Brooklyn, New York", "Manhattan", "Central Park", "New York, New York"];
const SUGGESTIONS = ["Hashtags", "Link a reel", "Poll", "Prompt", "Rewrite"];

export interface ShareRowsHost {
  id(name: string): string;
  strings(): InstagramStrings;
  /** Design units per dp down the screen (BaseApp.dp). */
  dpY(): number;
  dpX(): number;
  event(text: string): void;
}

/** The toggles the share screen keeps while the post is being made. */
export interface ShareToggles {
  aiLabel: boolean;
  threads: boolean;
  facebook: boolean;
}

/**
 * Build 410's share screen below the action bar, as GK's reel dump of 2025-12-22
 * (`DarkLichenCoded_20251222_133221/error_008`) lays it out: a scrollable list holding the
 * cover, the caption, the suggestion chips (reels), "Tag people", "Add location" and its
 * suggestion chips, "Rename audio" ("Original Audio"; feed posts: "Add audio",
 * `music_row_title`, MCP 2024), "Add AI label", "Audience" ("Everyone"), "Also share on…",
 * Threads and Facebook. The AI row is exactly as dumped: a clickable LinearLayout around a
 * checkable ToggleButton row (icon, `title_inline_layout` > `title`, `subtitle`) whose
 * switch is another ToggleButton `toggle`, the id the Threads and Facebook switches share.
 * A tap on the switch or anywhere on its row flips it. Rows below the list's viewport are
 * not in the dump until it is scrolled (scroll-list.ts).
 */
export class InstagramShareRows {
  private readonly list = new ScrollList();
  private readonly locationChips = new ScrollList("horizontal");
  private readonly suggestionChips = new ScrollList("horizontal");

  constructor(private readonly host: ShareRowsHost) {}

  reset(): void {
    this.list.reset();
    this.locationChips.reset();
    this.suggestionChips.reset();
  }

  render(placement: "feed" | "reel", caption: ViewNode, toggles: ShareToggles): ViewNode {
    const { host } = this;
    const t = host.strings();
    const dp = host.dpY();
    const item = (size: number, draw: (at: Rect) => ViewNode): ListItem => ({ size: size * dp, draw });
    const items: ListItem[] = [
      item(DP.cover[placement], ([l, top, , b]) => ({ cls: IMAGE, bounds: [l + 340, top + 30, l + 740, b - 30] })),
      item(DP.caption, (at) => ({ ...caption, bounds: [at[0] + 40, at[1], at[2] - 40, at[3]] })),
    ];
    if (placement === "reel") items.push(item(DP.chips, (at) => this.chips(this.suggestionChips, at, SUGGESTIONS, "suggestion_text")));
    items.push(
      item(DP.row, (at) => this.row(at, t.tagPeople)),
      item(DP.row, (at) => ({
        cls: LINEAR,
        id: host.id("metadata_location_row"),
        bounds: at,
        onTap: () => host.event("location not modelled"),
        children: [this.icon(at), { cls: TEXT, id: host.id("location_label"), text: t.addLocation, bounds: [at[0] + 130, at[1], at[2] - 40, at[3]] }],
      })),
      item(DP.locationChips, (at) => this.chips(this.locationChips, at, PLACES)),
      placement === "reel"
        ? item(DP.row, (at) => this.row(at, t.renameAudio, t.originalAudio))
        : item(DP.row, (at) => this.row(at, t.addAudio, undefined, "music_row_title")),
      item(DP.ai, (at) => this.toggleRow(at, t.addAiLabel, t.aiLabelSubtitle, toggles.aiLabel, () => (toggles.aiLabel = !toggles.aiLabel))),
      item(DP.row, (at) => this.row(at, t.audience, t.everyone)),
      item(DP.header, ([l, top, r, b]) => ({ cls: TEXT, text: t.alsoShareOn, bounds: [l + 40, top, r - 40, b] })),
      item(DP.row, (at) => this.toggleRow(at, "Threads", undefined, toggles.threads, () => (toggles.threads = !toggles.threads))),
      item(DP.row, (at) => this.toggleRow(at, "Facebook", undefined, toggles.facebook, () => (toggles.facebook = !toggles.facebook))),
    );
    return this.list.render({ cls: "androidx.recyclerview.widget.RecyclerView", bounds: SHARE_LIST, items });
  }

  private icon([l, t, , b]: Rect, middle = (t + b) / 2): ViewNode {
    return { cls: IMAGE, id: this.host.id("icon"), bounds: [l + 40, middle - 30, l + 110, middle + 30] };
  }

  /** A row that opens a page of its own (not modelled): title, maybe an inline subtitle. */
  private row(at: Rect, title: string, subtitle?: string, titleId = "title"): ViewNode {
    const { host } = this;
    const [l, t, r, b] = at;
    const texts: ViewNode[] = [{ cls: TEXT, id: host.id(titleId), text: title, bounds: [l + 130, t, l + 600, b] }];
    if (subtitle !== undefined) texts.push({ cls: TEXT, id: host.id("inline_subtitle"), text: subtitle, bounds: [l + 620, t, r - 40, b] });
    return {
      cls: LINEAR,
      bounds: at,
      onTap: () => host.event(`${title} not modelled`),
      children: [this.icon(at), { cls: LINEAR, id: host.id("title_inline_layout"), bounds: [l + 130, t, r - 40, b], children: texts }],
    };
  }

  /** GK's AI row: the outer layout takes the tap; the row and its switch are ToggleButtons with `checked`. */
  private toggleRow(at: Rect, title: string, subtitle: string | undefined, on: boolean, flip: () => void): ViewNode {
    const { host } = this;
    const [l, t, r, b] = at;
    const titleBottom = subtitle === undefined ? b : t + (b - t) * 0.42;
    const middle = subtitle === undefined ? (t + b) / 2 : t + (b - t) * 0.42;
    const toggle = () => {
      flip();
      host.event(`${title} ${on ? "off" : "on"}`);
    };
    const children: ViewNode[] = [
      this.icon(at, (t + 20 + titleBottom) / 2),
      { cls: LINEAR, id: host.id("title_inline_layout"), bounds: [l + 130, t + 20, l + 930, titleBottom], children: [{ cls: TEXT, id: host.id("title"), text: title, bounds: [l + 130, t + 20, l + 420, titleBottom] }] },
    ];
    if (subtitle !== undefined) children.push({ cls: TEXT, id: host.id("subtitle"), text: subtitle, desc: subtitle, bounds: [l + 130, titleBottom, l + 880, b - 20] });
    children.push({ cls: TOGGLE, id: host.id("toggle"), checkable: true, checked: on, focusable: false, bounds: [r - 165, middle - 45, r - 40, middle + 45], onTap: toggle });
    return {
      cls: LINEAR,
      bounds: at,
      focusable: true,
      onTap: toggle,
      children: [{ cls: TOGGLE, checkable: true, checked: on, focusable: true, bounds: at, children }],
    };
  }

  private chips(list: ScrollList, [l, t, r, b]: Rect, labels: readonly string[], textId?: string): ViewNode {
    const { host } = this;
    return list.render({
      bounds: [l, t, r, b],
      items: labels.map((label) => ({
        size: host.dpX() * (label.length * 8 + 40),
        draw: ([cl, ct, cr, cb]) => ({
          cls: LINEAR,
          bounds: [cl + 12, ct + 8, cr - 12, cb - 8],
          onTap: () => host.event(`${label} not modelled`),
          children: [{ cls: TEXT, id: textId === undefined ? undefined : host.id(textId), text: label, bounds: [cl + 30, ct + 8, cr - 30, cb - 8] }],
        }),
      })),
    });
  }
}
