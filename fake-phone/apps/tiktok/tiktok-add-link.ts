import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { ScrollList } from "../scroll-list.js";
import type { TikTokDraft } from "./tiktok-draft.js";
import { BUTTON, IMAGE, LINEAR, TEXT, type TikTokUi } from "./tiktok-ui.js";

/** The anchor's name is cut to this many characters (Seller University's "Add your product name" step). */
export const PRODUCT_NAME_MAX = 30;
const ROW_DP = 88;
const FIELD = "productName";

/**
 * "Add link" on the post screen, as TikTok Shop's Seller University describes it (2023):
 * choose products (from the account's showcase), then give the product a name, and the post
 * carries the product anchor. What the screens look like is not recorded anywhere, so: a
 * sheet listing link types whose rows are TextViews inside clickable layouts, "Products"
 * among them only when the account's showcase has products (otherwise it is simply absent,
 * the harder case: no message says why); the showcase as rows of a RecyclerView, each the
 * product's name and an "Add" Button; then a name screen whose field holds the name cut to
 * 30 characters and a "Confirm" button (disabled while the field is empty). Back on the post
 * screen the "Add link" row shows the anchor's name instead.
 */
export class TikTokAddLink {
  private readonly list = new ScrollList();
  private picked: string | undefined;

  constructor(
    private readonly ui: TikTokUi,
    private readonly draft: TikTokDraft,
    private readonly showcase: () => readonly string[],
  ) {}

  /** The link types' sheet. */
  open(): void {
    const { ui } = this;
    const t = ui.strings();
    const types: Array<[string, () => void]> = [];
    if (this.showcase().length > 0) types.push([t.products, () => this.openShowcase()]);
    types.push([t.leadGeneration, () => ui.event("lead generation not modelled")]);
    const bounds: Rect = [0, 1700, 1080, 2400];
    ui.showDialog({
      title: t.addLink,
      bounds,
      cancelable: true,
      buttons: [],
      render: () => [
        { cls: TEXT, text: t.addLink, bounds: [40, 1730, 1040, 1820] },
        ...types.map(
          ([text, onTap], i): ViewNode => ({
            cls: LINEAR,
            id: ui.id("linkRow"),
            bounds: [0, 1850 + i * 140, 1080, 1990 + i * 140],
            onTap,
            children: [
              { cls: IMAGE, bounds: [40, 1880 + i * 140, 120, 1960 + i * 140] },
              { cls: TEXT, text, bounds: [150, 1850 + i * 140, 1040, 1990 + i * 140] },
            ],
          }),
        ),
      ],
    });
  }

  /** The showcase's products (the "showcase" screen). */
  renderShowcase(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    return [
      { cls: IMAGE, id: ui.id("showcaseBack"), desc: t.back, bounds: [20, 20, 140, 140], onTap: () => ui.close() },
      { cls: TEXT, text: t.showcase, bounds: [300, 40, 780, 130] },
      this.list.render({
        bounds: [0, 170, 1080, 2400],
        id: ui.id("showcaseList"),
        items: this.showcase().map((name) => ({
          size: ui.dp().y * ROW_DP,
          draw: ([l, top, r, b]) => ({
            cls: LINEAR,
            bounds: [l, top, r, b],
            children: [
              { cls: IMAGE, bounds: [l + 40, top + 20, l + 40 + (b - top - 40), b - 20] },
              { cls: TEXT, id: ui.id("showcaseName"), text: name, bounds: [l + 60 + (b - top - 40), top, r - 260, b] },
              { cls: BUTTON, id: ui.id("showcaseAdd"), text: t.add, bounds: [r - 240, top + (b - top) / 2 - 55, r - 40, top + (b - top) / 2 + 55], onTap: () => this.pick(name) },
            ],
          }),
        })),
      }),
    ];
  }

  /** The anchor's name (the "productName" screen). */
  renderName(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    const value = ui.fieldValue(FIELD);
    return [
      { cls: IMAGE, id: ui.id("productNameBack"), desc: t.back, bounds: [20, 20, 140, 140], onTap: () => ui.close() },
      { cls: TEXT, text: t.productName, bounds: [300, 40, 780, 130] },
      ui.field(FIELD, t.productNameHint, [40, 200, 1040, 320], { id: ui.id("productNameField"), maxLength: PRODUCT_NAME_MAX }),
      { cls: TEXT, id: ui.id("productNameCount"), text: `${[...value].length}/${PRODUCT_NAME_MAX}`, bounds: [840, 330, 1040, 390] },
      { cls: BUTTON, id: ui.id("productNameConfirm"), text: t.confirm, enabled: value.trim() !== "", bounds: [40, 2200, 1040, 2340], onTap: () => this.confirm() },
    ];
  }

  private openShowcase(): void {
    this.ui.closeDialog(this.ui.strings().products);
    this.list.reset();
    this.ui.go("showcase");
  }

  private pick(name: string): void {
    this.picked = name;
    this.ui.go("productName");
    this.ui.setField(FIELD, [...name].slice(0, PRODUCT_NAME_MAX).join(""));
    this.ui.event(`product picked: ${name}`);
  }

  private confirm(): void {
    const title = this.ui.fieldValue(FIELD).trim();
    if (this.picked === undefined || title === "") return;
    this.draft.product = { name: this.picked, title };
    this.ui.event(`product linked: ${this.picked} as "${title}"`);
    // Back past the showcase to the post screen.
    this.ui.close();
    this.ui.close();
  }
}
