import type { Intent } from "../shell/intent.js";
import type { ViewNode } from "../window/view.js";
import { BaseApp } from "../apps/base-app.js";

export const NOTEPAD_PACKAGE = "com.example.notepad";

/**
 * The smallest app with what the phone's window tests need: a text field at the top, a
 * Save button at the bottom (where a keyboard covers it) and a button that opens a dialog.
 * Not a model of any real app: the system around it is what its tests check.
 */
export class NotepadApp extends BaseApp<"note"> {
  readonly label = "Notepad";
  readonly activities = [`${NOTEPAD_PACKAGE}.NoteActivity`];
  /** The note's text each time Save was tapped. */
  readonly saved: string[] = [];
  protected readonly startScreen = "note";
  protected readonly loadErrorText = "Can't open";

  constructor() {
    super(NOTEPAD_PACKAGE, { asksNotifications: false }, { versionName: "1.0", versionCode: 1 });
  }

  manifestPermissions(): string[] {
    return [];
  }

  get note(): string {
    return this.fieldValue("note");
  }

  protected onIntent(_activity: string, _intent: Intent): void {}

  protected activityOf(): string {
    return `${NOTEPAD_PACKAGE}.NoteActivity`;
  }

  protected render(): ViewNode[] {
    return [
      this.field("note", "Write a note", [40, 200, 1040, 600], { id: `${NOTEPAD_PACKAGE}:id/note`, multiline: true }),
      {
        cls: "android.widget.Button",
        text: "Ask",
        id: `${NOTEPAD_PACKAGE}:id/ask`,
        bounds: [40, 700, 1040, 820],
        onTap: () => this.showDialog({ title: "Sure?", cancelable: true, buttons: [{ text: "Yes", onTap: () => this.closeDialog("Yes") }] }),
      },
      { cls: "android.widget.Button", text: "Save", id: `${NOTEPAD_PACKAGE}:id/save`, bounds: [40, 2200, 1040, 2340], onTap: () => this.saved.push(this.note) },
    ];
  }
}
