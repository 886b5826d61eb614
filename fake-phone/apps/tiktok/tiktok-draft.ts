import type { PostExtras } from "../app-model.js";
import type { TikTokSound } from "./tiktok-sounds.js";

/** The Volume panel's bars run 0–200 % of the track's own level (EDDE's reading: its default is the middle). */
export const VOLUME_MAX = 200;
const VOLUME_START = 100;

/**
 * What TikTok keeps for the post being made, beside its media and text: the attached sound,
 * the Volume panel's levels (once its Done kept them), the post screen's More options and
 * the linked product. A new draft starts clean.
 */
export class TikTokDraft {
  sound: TikTokSound | undefined;
  /** The bars' progress, of VOLUME_MAX. */
  volumes = { original: VOLUME_START, added: VOLUME_START };
  volumesKept = false;
  aiLabel = false;
  highQuality = false;
  allowComments = true;
  allowReuse = true;
  saveToDevice = false;
  /** The showcase product and the name its anchor shows (cut to 30 characters, maybe edited). */
  product: { name: string; title: string } | undefined;

  reset(sound?: TikTokSound): void {
    this.sound = sound;
    this.volumes = { original: VOLUME_START, added: VOLUME_START };
    this.volumesKept = false;
    this.aiLabel = false;
    this.highQuality = false;
    this.allowComments = true;
    this.allowReuse = true;
    this.saveToDevice = false;
    this.product = undefined;
  }

  /** What the post records: each bar in percent of its range, only once Done kept them. */
  extras(): PostExtras {
    const percent = (progress: number) => Math.round((progress / VOLUME_MAX) * 100);
    return {
      sound: this.sound?.title,
      volumes: this.volumesKept ? { original: percent(this.volumes.original), added: percent(this.volumes.added) } : undefined,
      aiLabel: this.aiLabel,
      product: this.product?.name,
    };
  }
}
