import type { Rect } from "../window/rect.js";
import type { ViewNode } from "../window/view.js";

export interface Keyboard {
  show(): void;
  hide(): void;
}

export interface FieldOptions {
  /** ENTER types a line break; in a single-line field it does nothing. */
  multiline?: boolean;
  /** What the app cuts the text at (Instagram's caption: 2,200). */
  maxLength?: number;
  cls?: string;
  /** ENTER in a single-line field: its IME action (a search field searches). */
  onEnter?: () => void;
}

/**
 * An app's text fields: their values, which one has focus, and how they appear in a dump
 * (an empty field shows its hint as its text: TextView.getTextForAccessibility). Tapping a
 * field focuses it and asks for the keyboard; text goes only to the focused field, and with
 * none focused it is lost, as a keyboard's would be.
 */
export class TextFields {
  private readonly values = new Map<string, string>();
  private readonly options = new Map<string, FieldOptions>();
  private focusedKey: string | undefined;

  constructor(private readonly keyboard: () => Keyboard | undefined) {}

  /** An EditText; `key` names it for the app (its resource id may be obfuscated or absent). */
  node(key: string, hint: string, bounds: Rect, options: FieldOptions & { id?: string } = {}): ViewNode {
    this.options.set(key, options);
    const value = this.value(key);
    return {
      cls: options.cls ?? "android.widget.EditText",
      id: options.id,
      text: value === "" ? hint : value,
      bounds,
      focusable: true,
      focused: this.focusedKey === key,
      onTap: () => this.focus(key),
    };
  }

  value(key: string): string {
    return this.values.get(key) ?? "";
  }

  get focused(): string | undefined {
    return this.focusedKey;
  }

  focus(key: string): void {
    this.focusedKey = key;
    this.keyboard()?.show();
  }

  /** Text, "\n" (ENTER) or "\b" (DEL) for the focused field; returns its key, or undefined when nothing has focus. */
  type(text: string): string | undefined {
    const key = this.focusedKey;
    if (key === undefined) return undefined;
    const options = this.options.get(key) ?? {};
    let value = this.value(key);
    let entered = false;
    for (const char of text) {
      if (char === "\b") value = [...value].slice(0, -1).join("");
      else if (char !== "\n" || options.multiline === true) value += char;
      else entered = true;
    }
    if (options.maxLength !== undefined) value = [...value].slice(0, options.maxLength).join("");
    this.values.set(key, value);
    if (entered) options.onEnter?.();
    return key;
  }

  /** The app sets a field's text itself (a prefilled name), within its length limit. */
  set(key: string, value: string): void {
    const max = this.options.get(key)?.maxLength;
    this.values.set(key, max === undefined ? value : [...value].slice(0, max).join(""));
  }

  clearFocused(): void {
    if (this.focusedKey !== undefined) this.values.set(this.focusedKey, "");
  }

  /** Leaving a screen: no field has focus, and the keyboard goes. */
  blur(): void {
    if (this.focusedKey === undefined) return;
    this.focusedKey = undefined;
    this.keyboard()?.hide();
  }

  /** A new draft starts with empty fields. */
  reset(): void {
    this.values.clear();
    this.blur();
  }
}
