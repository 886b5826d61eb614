import { type DeviceProfile, px } from "../../system/device-profile.js";
import { keyboardFrame } from "../../window/keyboard-window.js";
import { contentArea } from "../../window/system-bars.js";
import { DESIGN_HEIGHT } from "../../window/view.js";

/**
 * The top of the soft keyboard in the app's design space, where a view that moves above it
 * (adjustResize) ends. The app is not told which keyboard is up (AppSystem's keyboard only
 * shows and hides), so this is the profile's own keyboard's frame, as keyboard-window.ts places it.
 */
export function keyboardTop(profile: DeviceProfile): number {
  const area = contentArea(profile);
  const navBarTop = profile.navigation === "gesture" ? area[3] : profile.screen.height - px(48, profile);
  const top = keyboardFrame(profile, profile.keyboard, navBarTop).frame[1];
  return ((top - area[1]) * DESIGN_HEIGHT) / (area[3] - area[1]);
}
