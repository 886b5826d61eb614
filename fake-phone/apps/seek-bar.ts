import type { DeviceProfile } from "../system/device-profile.js";
import { px } from "../system/device-profile.js";
import type { Touch } from "../window/view.js";

/** Widget.Material.SeekBar's paddingStart and paddingEnd: the track starts and ends 16 dp in. */
export const SEEK_BAR_PADDING_DP = 16;
/** Half the Material thumb (an 18 dp vector): AbsSeekBar.setThumb makes it the thumb offset. */
export const SEEK_BAR_THUMB_OFFSET_DP = 9;

/**
 * The progress a tap leaves on an android.widget.SeekBar, as AbsSeekBar computes it. A tap
 * is a down and an up: the down notes how far from the thumb it landed (mTouchThumbOffset,
 * kept only within the thumb offset, so a tap on the thumb does not make it jump), the up
 * tracks the touch: x = round(getX()); left of the padding is 0, right of it the max, else
 * scale = (x − paddingLeft) / (width − paddingLeft − paddingRight) + that offset; progress =
 * round(scale × (max − min) + min), clamped (setProgressInternal). Left to right only (no RTL
 * mirror). None of it shows in a dump: the platform dumper writes no range info, and a
 * SeekBar has no text.
 */
export function seekBarTap(touch: Touch, profile: Pick<DeviceProfile, "density">, progress: number, max: number, min = 0): number {
  const padding = px(SEEK_BAR_PADDING_DP, profile);
  const [left, , right] = touch.bounds;
  const width = right - left;
  const available = width - 2 * padding;
  const downX = touch.x - left;
  let thumbOffset = (progress - min) / (max - min) - (downX - padding) / available;
  if (Math.abs(thumbOffset * available) > px(SEEK_BAR_THUMB_OFFSET_DP, profile)) thumbOffset = 0;
  const x = Math.round(downX);
  const scale = x < padding ? 0 : x > width - padding ? 1 : (x - padding) / available + thumbOffset;
  return Math.min(max, Math.max(min, Math.round(scale * (max - min) + min)));
}
