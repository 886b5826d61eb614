import type { ViewNode } from "../../window/view.js";
import { seekBarTap } from "../seek-bar.js";
import { type TikTokDraft, VOLUME_MAX } from "./tiktok-draft.js";
import { BUTTON, TEXT, type TikTokUi } from "./tiktok-ui.js";

const SEEK_BAR = "android.widget.SeekBar";

/**
 * The sounds sheet's Volume panel (EDDE 2022, AICC 2025: tap "Volume", set
 * `SeekBar` instance 0 for the original audio and instance 1 for the added one, tap "Done";
 * without a change EDDE presses Back instead). Two android.widget.SeekBar, the original
 * sound's first, under their labels; they start in the middle (TikTok's 100 % of 0–200 %,
 * EDDE's default 1 maps there). A tap sets a bar as AbsSeekBar does (seek-bar.ts). The
 * original sound's bar is disabled on a photo post (it has none), the added sound's while no
 * sound is attached. Only Done keeps the levels; BACK leaves the panel without them.
 */
export class TikTokVolumePanel {
  private levels = { original: 0, added: 0 };

  constructor(
    private readonly ui: TikTokUi,
    private readonly draft: TikTokDraft,
    private readonly photos: () => boolean,
    private readonly leave: () => void,
  ) {}

  /** Opening the panel shows the levels last kept. */
  open(): void {
    this.levels = { ...this.draft.volumes };
  }

  render(): ViewNode[] {
    const t = this.ui.strings();
    const bar = (which: "original" | "added", top: number, enabled: boolean): ViewNode => ({
      cls: SEEK_BAR,
      id: this.ui.id(which === "original" ? "volumeOriginal" : "volumeAdded"),
      bounds: [40, top, 1040, top + 120],
      enabled,
      // A SeekBar handles touches itself (AbsSeekBar.onTouchEvent) and is not clickable.
      clickable: false,
      focusable: true,
      onTap: (touch) => {
        this.levels[which] = seekBarTap(touch, this.ui.profile(), this.levels[which], VOLUME_MAX);
        this.ui.event(`volume ${which} → ${this.levels[which]} of ${VOLUME_MAX}`);
      },
    });
    return [
      { cls: TEXT, text: t.volume, bounds: [40, 1040, 700, 1130] },
      { cls: TEXT, id: this.ui.id("volumeLabel"), text: t.originalSound, bounds: [40, 1180, 1040, 1250] },
      bar("original", 1260, !this.photos()),
      { cls: TEXT, id: this.ui.id("volumeLabel"), text: t.addedSound, bounds: [40, 1440, 1040, 1510] },
      bar("added", 1520, this.draft.sound !== undefined),
      { cls: BUTTON, id: this.ui.id("volumeDone"), text: t.done, bounds: [40, 2220, 1040, 2350], onTap: () => this.done() },
    ];
  }

  /** BACK: out of the panel, the levels as they were. */
  back(): void {
    this.ui.event("volume: back, nothing kept");
    this.leave();
  }

  private done(): void {
    this.draft.volumes = { ...this.levels };
    this.draft.volumesKept = true;
    this.ui.event(`volume done: original ${this.levels.original}, added ${this.levels.added}`);
    this.leave();
  }
}
