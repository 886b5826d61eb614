import type { ViewNode } from "../../window/view.js";
import { type SoundLibrary, type TikTokSound, compactCount } from "./tiktok-sounds.js";
import { FRAME, IMAGE, LINEAR, PROGRESS, TEXT, type TikTokUi } from "./tiktok-ui.js";

/**
 * A sound's page (its own activity, MusicDetailActivity): for `soundLoadMs` only a
 * ProgressBar and Back, then the sound's title, author, "%s videos", "Add to Favorites"
 * (then "Added to Favorites"), a grid of the videos using it and "Use this sound" (APK
 * 43.7.3's strings; IOSFARM, iOS, finds the button by its label). No Android dump records
 * their classes: each label is a TextView inside a clickable layout without text of its own,
 * the harder case (a match on text and clickable together finds nothing). A link to no known
 * sound shows "This sound isn't available" and no Use button.
 */
export class TikTokSoundPage {
  private sound: TikTokSound | undefined;
  private openedAt = 0;

  constructor(
    private readonly ui: TikTokUi,
    private readonly library: SoundLibrary,
    private readonly use: (sound: TikTokSound) => void,
  ) {}

  open(sound: TikTokSound | undefined): void {
    this.sound = sound;
    this.openedAt = Date.now();
    this.ui.event(`sound page ${sound?.title ?? "(unknown sound)"}`);
    this.ui.go("sound");
  }

  render(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    const nodes: ViewNode[] = [{ cls: IMAGE, id: ui.id("soundBack"), desc: t.back, bounds: [20, 20, 140, 140], onTap: () => ui.close() }];
    if (Date.now() < this.openedAt + ui.loadMs()) {
      nodes.push({ cls: PROGRESS, id: ui.id("soundProgress"), bounds: [490, 1100, 590, 1200] });
      return nodes;
    }
    const sound = this.sound;
    if (sound === undefined) {
      nodes.push({ cls: TEXT, text: t.soundUnavailable, bounds: [140, 1100, 940, 1200] });
      return nodes;
    }
    const favorite = this.library.isFavorite(ui.account(), sound);
    nodes.push(
      { cls: IMAGE, bounds: [40, 180, 340, 480] },
      { cls: TEXT, id: ui.id("soundTitle"), text: sound.title, bounds: [380, 190, 1040, 270] },
      { cls: TEXT, id: ui.id("soundAuthor"), text: sound.author, bounds: [380, 280, 1040, 340] },
      { cls: TEXT, id: ui.id("soundCount"), text: t.videosCount(compactCount(sound.videos)), bounds: [380, 350, 1040, 410] },
      labelled(ui.id("soundFavorite"), favorite ? t.addedToFavorites : t.addToFavorites, [380, 430, 860, 520], () => {
        const added = this.library.toggleFavorite(ui.account(), sound);
        ui.event(`${added ? "favourited" : "unfavourited"} ${sound.title}`);
      }),
      {
        cls: "android.widget.GridView",
        id: ui.id("soundGrid"),
        bounds: [0, 560, 1080, 2160],
        children: Array.from({ length: 6 }, (_, i): ViewNode => {
          const left = (i % 3) * 360;
          const top = 560 + Math.floor(i / 3) * 480;
          return { cls: FRAME, bounds: [left, top, left + 358, top + 478], onTap: () => ui.event("sound video not modelled"), children: [{ cls: IMAGE, bounds: [left, top, left + 358, top + 478] }] };
        }),
      },
      labelled(ui.id("soundUse"), t.useSound, [240, 2190, 840, 2330], () => this.use(sound)),
    );
    return nodes;
  }
}

/** A clickable layout with an icon and a TextView: the text is not on the node that takes the tap. */
function labelled(id: string, text: string, [l, t, r, b]: readonly [number, number, number, number], onTap: () => void): ViewNode {
  return {
    cls: LINEAR,
    id,
    bounds: [l, t, r, b],
    onTap,
    children: [
      { cls: IMAGE, bounds: [l + 20, t + 20, l + 20 + (b - t - 40), b - 20] },
      { cls: TEXT, text, bounds: [l + 40 + (b - t - 40), t, r - 20, b] },
    ],
  };
}
