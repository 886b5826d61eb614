import { px } from "../../system/device-profile.js";
import type { Rect } from "../../window/rect.js";
import type { Touch, ViewNode } from "../../window/view.js";
import type { ListItem } from "../scroll-list.js";
import type { TikTokElement } from "./builds.js";
import { FRAME, IMAGE, LINEAR, type TikTokUi } from "./tiktok-ui.js";

/** A sound row's height: MANHWA takes rows of at least 100 px; 72 dp is that on any phone here. */
export const SOUND_ROW_DP = 72;
/** Where MANHWA taps a row's ✓ ("use this sound"): 87 % across, half way down. */
export const CHECK_AT = 0.87;
/** The ✓ is a 48 dp touch target drawn into the row, not a node of its own. */
const CHECK_DP = 48;

/**
 * A sound as TikTok lists it in the sounds sheet and in search (MANHWA, 47.0.3: "drawn
 * without any text for UiAutomator"): a clickable row whose only children are an unlabelled
 * cover and an unlabelled body, so the dump marks it NAF. Where the touch lands decides
 * (the row reads the touch as a view reads its MotionEvent): on the ✓ at 87 % of its width
 * `check`, anywhere else `tap`.
 */
export function soundRow(ui: TikTokUi, element: TikTokElement, options: { selected?: boolean; tap: () => void; check?: () => void }): ListItem {
  const size = ui.dp().y * SOUND_ROW_DP;
  const draw = ([l, t, r, b]: Rect): ViewNode => ({
    cls: LINEAR,
    id: ui.id(element),
    bounds: [l, t, r, b],
    selected: options.selected === true,
    onTap: (touch) => (options.check !== undefined && onCheck(ui, touch) ? options.check() : options.tap()),
    children: [
      { cls: IMAGE, id: ui.id("sheetCover"), bounds: [l + 40, t + 12, l + 40 + (b - t - 24), b - 12] },
      { cls: FRAME, bounds: [l + 60 + (b - t - 24), t + 12, r - 40, b - 12] },
    ],
  });
  return { size, draw };
}

function onCheck(ui: TikTokUi, { x, bounds: [left, , right] }: Touch): boolean {
  const centre = left + CHECK_AT * (right - left);
  return Math.abs(x - centre) <= px(CHECK_DP, ui.profile()) / 2;
}
