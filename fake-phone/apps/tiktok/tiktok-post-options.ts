import type { ViewNode } from "../../window/view.js";
import { type ListItem, ScrollList } from "../scroll-list.js";
import type { TikTokDraft } from "./tiktok-draft.js";
import { IMAGE, TEXT, type TikTokUi } from "./tiktok-ui.js";

const ROW_DP = 72;
const ROW_WITH_SUBTITLE_DP = 88;

interface OptionRow {
  title: string;
  subtitle?: string;
  /** The row's switch; a row without one opens a page of its own (not modelled). */
  switch?: { on: () => boolean; set: (on: boolean) => void };
}

/**
 * The post screen's "More options" (a screen of its own). No public dump of it exists: the
 * sources say only that "AI-generated content" is a switch there, with a note under it, and
 * that turning it on shows a pop-up reminding creators to label AI content and that TikTok
 * may remove unlabelled content (press and help pages, 2023, May 2026), and that "Allow
 * high-quality uploads" is there too (creator guides, 2026). The rest is the harder case:
 * rows of a RecyclerView, each a title and a subtitle with an android.widget.Switch of its
 * own (checkable, checked); the row itself takes no tap, only its switch does. The pop-up
 * must be confirmed ("Turn on"): Cancel, BACK or a tap outside leaves the switch off.
 * Back (desc "Back") or BACK returns to the post screen.
 */
export class TikTokPostOptions {
  private readonly list = new ScrollList();

  constructor(
    private readonly ui: TikTokUi,
    private readonly draft: TikTokDraft,
  ) {}

  open(): void {
    this.list.reset();
    this.ui.go("moreOptions");
  }

  render(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    const { draft } = this;
    const rows: OptionRow[] = [
      { title: t.allowComments, switch: { on: () => draft.allowComments, set: (on) => (draft.allowComments = on) } },
      { title: t.allowReuse, subtitle: t.allowReuseSubtitle, switch: { on: () => draft.allowReuse, set: (on) => (draft.allowReuse = on) } },
      { title: t.saveToDevice, switch: { on: () => draft.saveToDevice, set: (on) => (draft.saveToDevice = on) } },
      { title: t.highQuality, subtitle: t.highQualitySubtitle, switch: { on: () => draft.highQuality, set: (on) => (draft.highQuality = on) } },
      { title: t.disclose, subtitle: t.discloseSubtitle },
      { title: t.aiGenerated, subtitle: t.aiGeneratedSubtitle, switch: { on: () => draft.aiLabel, set: (on) => this.setAiLabel(on) } },
    ];
    return [
      { cls: IMAGE, id: ui.id("optionsBack"), desc: t.back, bounds: [20, 20, 140, 140], onTap: () => ui.close() },
      { cls: TEXT, text: t.moreOptions, bounds: [300, 40, 780, 130] },
      this.list.render({ bounds: [0, 170, 1080, 2400], id: ui.id("optionsList"), items: rows.map((row) => this.row(row)) }),
    ];
  }

  private row(row: OptionRow): ListItem {
    const { ui } = this;
    const size = ui.dp().y * (row.subtitle === undefined ? ROW_DP : ROW_WITH_SUBTITLE_DP);
    return {
      size,
      draw: ([l, top, r, b]) => {
        const titleBottom = row.subtitle === undefined ? b : top + (b - top) * 0.55;
        const children: ViewNode[] = [{ cls: TEXT, id: ui.id("optionsTitle"), text: row.title, bounds: [l + 40, top, r - 220, titleBottom] }];
        if (row.subtitle !== undefined) children.push({ cls: TEXT, id: ui.id("optionsSubtitle"), text: row.subtitle, bounds: [l + 40, titleBottom, r - 220, b] });
        const control = row.switch;
        if (control !== undefined) {
          const middle = (top + b) / 2;
          children.push({
            cls: "android.widget.Switch",
            id: ui.id("optionsSwitch"),
            checkable: true,
            checked: control.on(),
            bounds: [r - 200, middle - 45, r - 40, middle + 45],
            onTap: () => control.set(!control.on()),
          });
        }
        return {
          cls: "android.view.ViewGroup",
          bounds: [l, top, r, b],
          onTap: control === undefined ? () => ui.event(`${row.title} not modelled`) : undefined,
          children,
        };
      },
    };
  }

  private setAiLabel(on: boolean): void {
    const { ui } = this;
    const t = ui.strings();
    if (!on) {
      this.draft.aiLabel = false;
      ui.event("ai label off");
      return;
    }
    ui.showDialog({
      title: t.aiDialogTitle,
      message: t.aiDialogMessage,
      cancelable: true,
      onCancel: () => ui.event("ai label stays off"),
      buttons: [
        {
          text: t.turnOn,
          onTap: () => {
            this.draft.aiLabel = true;
            ui.closeDialog(t.turnOn);
            ui.event("ai label on");
          },
        },
        {
          text: t.cancel,
          onTap: () => {
            ui.closeDialog(t.cancel);
            ui.event("ai label stays off");
          },
        },
      ],
    });
  }
}
