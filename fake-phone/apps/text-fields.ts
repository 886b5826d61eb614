import type { Rect, UiNode } from "./ui-node.js";

/**
 * An app's EditTexts: their values, which one has focus, and how they appear in a dump.
 * Text goes only to the focused field, as a keyboard's does; with none focused it is lost.
 */
export class TextFields {
  private readonly values = new Map<string, string>();
  private focusedId: string | undefined;

  /** An EditText that takes focus when tapped; empty, it shows its hint as text (uiautomator does). */
  node(id: string, hint: string, bounds: Rect): UiNode {
    const value = this.value(id);
    return {
      cls: "android.widget.EditText",
      id,
      text: value === "" ? hint : value,
      bounds,
      focusable: true,
      focused: this.focusedId === id,
      onTap: () => {
        this.focusedId = id;
      },
    };
  }

  value(id: string): string {
    return this.values.get(id) ?? "";
  }

  /** Appends to the focused field; returns its id, or undefined when nothing has focus. */
  type(text: string): string | undefined {
    const id = this.focusedId;
    if (id !== undefined) this.values.set(id, this.value(id) + text);
    return id;
  }

  clearFocused(): void {
    if (this.focusedId !== undefined) this.values.set(this.focusedId, "");
  }

  /** KEYCODE_DEL: one character (a whole emoji, not half a surrogate pair). */
  deleteLast(): void {
    if (this.focusedId !== undefined) this.values.set(this.focusedId, [...this.value(this.focusedId)].slice(0, -1).join(""));
  }

  /** Leaving a screen hides the keyboard. */
  blur(): void {
    this.focusedId = undefined;
  }

  /** A new draft starts with empty fields. */
  reset(): void {
    this.values.clear();
    this.focusedId = undefined;
  }
}
