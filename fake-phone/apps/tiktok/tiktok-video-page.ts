import type { ViewNode } from "../../window/view.js";
import type { SocialPost } from "../social-world.js";
import { type TikTokSocialUi, keyboardTop } from "./tiktok-social-ui.js";
import { VideoPager } from "./tiktok-video-pager.js";
import { IMAGE, TEXT } from "./tiktok-ui.js";

/** A video page on the back stack: `video:<n>`, one per opening, so BACK finds each as it was. */
export type VideoScreen = `video:${number}`;

/**
 * The video page (DetailActivity, TKT43): a video opened by link, or a search result with the
 * results after it. Back (desc "Back"), the same controls as the feed (tiktok-video-controls.ts),
 * and at the bottom the EditText `qwx` "Message..." TKT43 dumped on a page opened by URL: a field
 * of its own, not the comment input (typing there sends nothing: the harder case for a script
 * that types into the first EditText it finds). A post no one has: "Video currently unavailable"
 * as a page with Back (GUESS; a page rather than a toast, the harder case).
 */
export class TikTokVideoPages {
  private readonly pages = new Map<number, VideoPager>();
  private next = 1;

  constructor(
    private readonly ui: TikTokSocialUi,
    private readonly moved: () => void,
  ) {}

  open(posts: readonly SocialPost[], index: number): void {
    const n = this.next++;
    const list = [...posts];
    this.pages.set(n, new VideoPager(() => list, false, this.moved, index));
    this.ui.event(list.length === 0 ? "video page: unavailable" : `video page ${list[index]?.id ?? ""}`);
    this.ui.go(`video:${n}`);
  }

  current(screen: VideoScreen): SocialPost | undefined {
    return this.pager(screen)?.current();
  }

  playing(screen: VideoScreen): boolean {
    return this.pager(screen)?.playing ?? false;
  }

  render(screen: VideoScreen): ViewNode[] {
    const { ui } = this;
    const s = ui.s();
    const pager = this.pager(screen);
    const back: ViewNode = { cls: IMAGE, id: ui.id("videoBack"), desc: "Back", bounds: [20, 40, 140, 160], onTap: () => ui.close() };
    if (pager === undefined || pager.current() === undefined) {
      return [
        back,
        { cls: TEXT, id: ui.id("videoUnavailable"), text: s.videoUnavailable, bounds: [100, 1050, 980, 1150] },
        { cls: TEXT, text: s.videoUnavailableBody, bounds: [100, 1170, 980, 1270] },
      ];
    }
    // Focused, the bar rides above the keyboard (the activity resizes for it, adjustResize).
    const key = `message:${screen}`;
    const top = ui.focusedField() === key ? Math.min(2260, keyboardTop(ui) - 130) : 2260;
    return [pager.render(ui, undefined), back, ui.field(key, s.messageBar, [30, top, 1050, top + 120], { id: ui.id("videoMessageBar") })];
  }

  private pager(screen: VideoScreen): VideoPager | undefined {
    return this.pages.get(Number(screen.slice("video:".length)));
  }
}
