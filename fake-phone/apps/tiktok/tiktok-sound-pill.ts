import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { TikTokSound } from "./tiktok-sounds.js";
import { BUTTON, FRAME, IMAGE, LINEAR, TEXT, type TikTokUi } from "./tiktok-ui.js";

const TOP = 90;
const BOTTOM = 206;
/** GEEL-TT's X came out with its content-desc as an unresolved resource id. */
const REMOVE_DESC = "@2131888108";

/**
 * The sound pill at the top of the camera and the editor (GEEL-TT v43, 2025-12-26): a
 * clickable `d8c` around `d8a` (desc "Add sound" while no sound is attached), the note icon
 * `d88` (desc "Music") and the text `ycm`: "Add sound", or the attached sound's title. With a
 * sound, a clickable `d81` to its right (desc "@2131888108") holds a divider `d86` and the X
 * `d82` (desc "Close"), which removes it. The camera's pill is Buttons in a `d87` frame, the
 * editor's LinearLayouts, as dumped. Both warn: "Add sound" is on both screens (GEEL's docs).
 */
export function soundPill(ui: TikTokUi, where: "camera" | "editor", sound: TikTokSound | undefined, open: () => void, remove: () => void): ViewNode {
  const t = ui.strings();
  const text = sound?.title ?? t.addSound;
  const textWidth = Math.min(560, Math.max(230, [...text].length * 14 + 10));
  const pillWidth = textWidth + 89;
  const removeWidth = sound === undefined ? 0 : 98;
  const left = Math.round(540 - (pillWidth + removeWidth) / 2);
  const pill: Rect = [left, TOP, left + pillWidth, BOTTOM];
  const cls = where === "camera" ? BUTTON : LINEAR;
  const nodes: ViewNode[] = [
    {
      cls,
      id: ui.id("soundPill"),
      bounds: pill,
      onTap: open,
      children: [
        {
          cls,
          id: ui.id("cameraSound"),
          desc: sound === undefined ? t.addSound : undefined,
          bounds: [left + 5, TOP, left + pillWidth - 5, BOTTOM],
          children: [
            { cls: IMAGE, id: ui.id("soundPillIcon"), desc: t.music, bounds: [left + 42, TOP + 34, left + 84, TOP + 76] },
            { cls: TEXT, id: ui.id("soundPillText"), text, bounds: [left + 84, TOP, left + 84 + textWidth, BOTTOM] },
          ],
        },
      ],
    },
  ];
  if (sound !== undefined) {
    const x = left + pillWidth;
    nodes.push({
      cls: LINEAR,
      id: ui.id("soundRemove"),
      desc: REMOVE_DESC,
      bounds: [x, TOP, x + removeWidth, BOTTOM],
      onTap: remove,
      children: [
        { cls: "android.view.View", id: ui.id("soundRemoveDivider"), bounds: [x, TOP + 34, x + 3, TOP + 81] },
        { cls: IMAGE, id: ui.id("soundRemoveIcon"), desc: t.close, bounds: [x + 3, TOP + 31, x + removeWidth, TOP + 84] },
      ],
    });
  }
  // The camera's top bar is the `d87` frame; the editor's dump shows none around the pill.
  return { cls: FRAME, id: where === "camera" ? ui.id("soundPillFrame") : undefined, bounds: [0, 0, 1080, BOTTOM], children: nodes };
}
