import type { MediaRow } from "../../system/media-store.js";
import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { DESC, type TikTokSocialUi } from "./tiktok-social-ui.js";
import { BUTTON, FRAME, IMAGE, TEXT } from "./tiktok-ui.js";

const CELL = 270;
const GRID_TOP = 200;
export const COMMENT_PICKER_TITLE = "Comment photo picker";

/**
 * The photos a comment can carry. No public dump shows this picker: TikMatrix says the pushed
 * image is "selected as the first image in the gallery" (DOC), so it is drawn as the upload
 * gallery is: images only, newest first by modification time (the media store's order), four
 * unlabelled thumbnails across in clickable cells; a tap picks one and closes it. It is a
 * full-screen window over the comment sheet (closing it shows the sheet again). It needs the
 * photo permission as the gallery does; without it, "Allow access".
 */
export class TikTokCommentPicker {
  constructor(
    private readonly ui: TikTokSocialUi,
    private readonly picked: (row: MediaRow) => void,
  ) {}

  open(): void {
    const { ui } = this;
    if (ui.photoAccess() !== "full") ui.askPhotos();
    ui.showDialog({
      title: COMMENT_PICKER_TITLE,
      bounds: [0, 0, 1080, 2400],
      cancelable: true,
      buttons: [],
      render: () => this.render(),
    });
  }

  private render(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    const nodes: ViewNode[] = [
      { cls: FRAME, bounds: [0, 0, 1080, 2400] },
      { cls: IMAGE, id: ui.id("pickerClose"), desc: DESC.close, bounds: [20, 30, 140, 150], onTap: () => ui.closeDialog("close") },
      { cls: TEXT, id: ui.id("pickerTitle"), text: ui.s().pickerTitle, bounds: [380, 40, 700, 140] },
    ];
    const access = ui.photoAccess();
    if (access === "none") {
      nodes.push(
        { cls: TEXT, text: t.allowAccess, bounds: [100, 900, 980, 1000] },
        { cls: BUTTON, text: t.allowAccessButton, bounds: [340, 1040, 740, 1160], onTap: () => ui.askPhotos() },
      );
      return nodes;
    }
    // With partial access only the user's picks show: none (as the upload gallery).
    const rows = access === "partial" ? [] : ui.media().newestFirst(["images"]);
    const cells = rows.slice(0, 4 * 8).map((row, i): ViewNode => {
      const left = (i % 4) * CELL;
      const top = GRID_TOP + Math.floor(i / 4) * CELL;
      const bounds: Rect = [left, top, left + CELL, top + CELL];
      return {
        cls: FRAME,
        id: ui.id("pickerCell"),
        bounds,
        onTap: () => {
          ui.closeDialog(`picked ${row.path}`);
          this.picked(row);
        },
        children: [{ cls: IMAGE, bounds }],
      };
    });
    nodes.push({ cls: "android.widget.GridView", id: ui.id("pickerGrid"), scrollable: rows.length > 32, bounds: [0, GRID_TOP, 1080, 2400], children: cells });
    return nodes;
  }
}
