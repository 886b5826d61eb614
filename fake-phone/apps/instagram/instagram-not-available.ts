import type { ViewNode } from "../../window/view.js";
import { IMAGE, type InstagramUi, TEXT } from "./instagram-ui.js";

/**
 * A profile or post link to nothing in the world. No dump records the app's page: the texts
 * are Instagram's web page's (a GUESS, tikmatrix-scripts.md "unknown" 7), with Back.
 */
export function notAvailable(ui: InstagramUi): ViewNode[] {
  const s = ui.s();
  return [
    { cls: IMAGE, desc: s.back, bounds: [0, 20, 140, 160], onTap: () => ui.close() },
    { cls: TEXT, text: s.notAvailable, bounds: [60, 900, 1020, 1000] },
    { cls: TEXT, text: s.notAvailableSub, bounds: [60, 1020, 1020, 1160] },
    ui.tabBar("none"),
  ];
}
