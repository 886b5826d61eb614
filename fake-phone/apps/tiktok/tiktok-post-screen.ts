import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { ScrollList } from "../scroll-list.js";
import type { TikTokBuild } from "./builds.js";
import type { TikTokDraft } from "./tiktok-draft.js";
import { BUTTON, FRAME, IMAGE, TEXT, type TikTokUi } from "./tiktok-ui.js";

/** Location suggestions under the Location row: "Times Square" is GEEL-TT's; the rest the model's own. */
const PLACES = ["Times Square", "Central Park", "Brooklyn Bridge", "Fifth Avenue", "Chelsea Market"];

export interface PostScreenHost {
  ui: TikTokUi;
  build: TikTokBuild;
  draft: TikTokDraft;
  hasTitle(): boolean;
  post(): void;
  saveDraft(): void;
  moreOptions(): void;
  addLink(): void;
}

/**
 * The post screen: title (photos on 35, every post on 43+) and description fields, the
 * cover, and under them 35's plain rows or v43's (GEEL-TT `…_152910/error_001`, 2025-12-26):
 * every row a clickable `d0z` with its label in `w4m`. Location (a ViewGroup, with "More
 * info" `jp4`) and its suggestion chips (`r3m` of `voh`); "Add link" (a Button with desc
 * "Add link", icon `j2c` desc "Add", label "Add link " with a trailing space; once a product
 * is linked, its name); the privacy row; "More options" (desc "More options, " and the
 * subtitle `uv6`, which varies between builds and accounts: "Privacy and more settings have
 * been moved here." or "Manage upload quality"); "Share to" with its RadioButtons; then
 * Drafts and Post at the bottom. No AI switch on this screen: it is under More options.
 */
export class TikTokPostScreen {
  private readonly chips = new ScrollList("horizontal");

  constructor(private readonly host: PostScreenHost) {}

  render(): ViewNode[] {
    const { ui, build } = this.host;
    const t = ui.strings();
    const titleBottom = this.host.hasTitle() ? 290 : 170;
    const nodes: ViewNode[] = [
      { cls: IMAGE, desc: t.back, id: ui.id("postBack"), bounds: [20, 20, 140, 140], onTap: () => ui.close() },
      // The screen's own title reads "Post" too: two nodes carry the text (EDDE's instance=1).
      { cls: TEXT, text: t.post, bounds: [400, 40, 680, 130] },
    ];
    if (this.host.hasTitle()) nodes.push(ui.field("title", t.titleHint, [40, 170, 760, 290], { id: ui.id("postTitle"), maxLength: 90 }));
    nodes.push(
      ui.field("description", t.descriptionHint[build.descriptionHint], [40, titleBottom + 10, 760, titleBottom + 340], { id: ui.id("postDescription"), multiline: true, maxLength: 4000 }),
      { cls: FRAME, id: ui.id("postCover"), bounds: [790, 170, 1040, 500], onTap: () => ui.event("cover not modelled"), children: [{ cls: TEXT, text: t.editCover, bounds: [790, 440, 1040, 500] }] },
      { cls: TEXT, text: `# ${t.hashtags}`, bounds: [40, 680, 300, 760], onTap: () => ui.event("hashtags not modelled") },
      { cls: TEXT, text: `@ ${t.mention}`, bounds: [320, 680, 580, 760], onTap: () => ui.event("mention not modelled") },
      ...(build.postScreen === "rows" ? this.rows() : this.plainRows()),
      { cls: BUTTON, text: t.drafts, id: ui.id("postDrafts"), bounds: [40, 2200, 520, 2340], onTap: () => this.host.saveDraft() },
      { cls: BUTTON, text: t.post, id: ui.id("postButton"), bounds: [560, 2200, 1040, 2340], onTap: () => this.host.post() },
    );
    return nodes;
  }

  /** 35's rows: plain texts, each its own tap target. */
  private plainRows(): ViewNode[] {
    const { ui } = this.host;
    const t = ui.strings();
    return [
      { cls: TEXT, text: t.location, bounds: [0, 820, 1080, 940], onTap: () => ui.event("location not modelled") },
      { cls: TEXT, text: t.privacy, id: ui.id("postPrivacy"), bounds: [0, 960, 1080, 1080], onTap: () => ui.event("privacy not modelled") },
      { cls: TEXT, text: t.moreOptions, bounds: [0, 1100, 1080, 1220], onTap: () => ui.event("more options not modelled") },
    ];
  }

  private rows(): ViewNode[] {
    const { ui, draft } = this.host;
    const t = ui.strings();
    const label = (text: string, bounds: Rect): ViewNode => ({ cls: TEXT, id: ui.id("postRowLabel"), text, bounds });
    const icon = (desc: string, top: number): ViewNode => ({ cls: IMAGE, id: ui.id("postRowIcon"), desc, bounds: [40, top + 33, 100, top + 93] });
    const subtitle = t.moreOptionsSubtitles[subtitleFor(ui.account())];
    const link = draft.product?.title;
    return [
      {
        cls: "android.view.ViewGroup",
        id: ui.id("postRow"),
        bounds: [0, 800, 1080, 917],
        onTap: () => ui.event("location not modelled"),
        children: [label(t.location, [120, 800, 800, 917]), { cls: IMAGE, id: ui.id("postLocationInfo"), desc: t.moreInfo, bounds: [980, 828, 1040, 888] }],
      },
      this.chips.render({
        bounds: [0, 930, 1080, 1030],
        id: ui.id("postChips"),
        items: PLACES.map((place) => ({
          size: ui.dp().x * (place.length * 8 + 40),
          draw: ([l, top, r, b]) => ({ cls: TEXT, id: ui.id("postChip"), text: place, bounds: [l + 12, top + 10, r - 12, b - 10], onTap: () => ui.event(`location ${place} not modelled`) }),
        })),
      }),
      {
        cls: BUTTON,
        id: ui.id("postRow"),
        desc: link ?? t.addLink,
        bounds: [0, 1040, 1080, 1166],
        onTap: () => this.host.addLink(),
        children: [icon(t.add, 1040), label(link ?? t.addLinkLabel, [120, 1040, 1000, 1166])],
      },
      {
        cls: BUTTON,
        id: ui.id("postRow"),
        desc: t.privacy,
        bounds: [0, 1166, 1080, 1292],
        onTap: () => ui.event("privacy not modelled"),
        children: [icon(t.public, 1166), label(t.privacy, [120, 1166, 1000, 1292])],
      },
      {
        cls: BUTTON,
        id: ui.id("postRow"),
        desc: `${t.moreOptions}, ${subtitle}`,
        bounds: [0, 1292, 1080, 1459],
        onTap: () => this.host.moreOptions(),
        children: [icon(t.settings, 1312), label(t.moreOptions, [120, 1302, 1000, 1370]), { cls: TEXT, id: ui.id("postRowSubtitle"), text: subtitle, bounds: [120, 1370, 1000, 1440] }],
      },
      { cls: TEXT, id: ui.id("postShareTo"), text: t.shareTo, bounds: [40, 1490, 400, 1560] },
      {
        cls: "android.widget.RadioGroup",
        id: ui.id("postShareGroup"),
        bounds: [40, 1570, 400, 1690],
        children: ["sms", "facebook"].map((desc, i): ViewNode => ({
          cls: "android.widget.RadioButton",
          desc,
          checkable: true,
          bounds: [40 + i * 160, 1580, 180 + i * 160, 1680],
          onTap: () => ui.event(`share to ${desc} not modelled`),
        })),
      },
    ];
  }
}

/** Which subtitle an account's More options row shows: it varies between accounts (GEEL-TT runs). */
function subtitleFor(account: string): 0 | 1 {
  let sum = 0;
  for (const char of account) sum += char.codePointAt(0) ?? 0;
  return (sum % 2) as 0 | 1;
}
