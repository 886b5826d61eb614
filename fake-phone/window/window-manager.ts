import { type DeviceProfile, px } from "../system/device-profile.js";
import type { InputMethods } from "../system/input-method.js";
import type { Permissions } from "../system/permissions.js";
import type { Foreground } from "../screen/foreground.js";
import type { ScreenDrawing } from "../screen/screen-model.js";
import { keyboardWindow } from "./keyboard-window.js";
import { permissionDialog } from "./permission-dialog.js";
import { type Rect, contains, subtract } from "./rect.js";
import { contentArea, systemBars } from "./system-bars.js";
import { type Travel, type ViewNode, dumpXml, hitTest, place, placementFor, scrollTargets } from "./view.js";
import type { PhoneWindow } from "./window.js";

export interface WindowHost {
  profile: DeviceProfile;
  foreground: Foreground;
  imes: InputMethods;
  permissions: Permissions;
  /** The app's name as the permission dialog shows it. */
  labelOf(pkg: string): string;
}

/** What the screen is now: the windows bottom to top, and the one a dump shows. */
interface Composition {
  windows: PhoneWindow[];
  active: PhoneWindow;
  drawing: ScreenDrawing;
}

const FRAME = "android.widget.FrameLayout";
/** ViewConfiguration.TOUCH_SLOP: a drag moves content only by what the finger travels past it. */
const TOUCH_SLOP_DP = 8;

/**
 * Stacks the phone's windows as WindowManager does (the activity in front, its dialog, the
 * permission controller's dialog, the keyboard, the system bars) and answers what crosses
 * them: a dump of the active window without what other windows cover, a tap delivered to
 * the topmost window at the point, BACK taken by the keyboard before the app, text sent to
 * the focused window only.
 */
export class WindowManager {
  private lastActive = "";

  constructor(private readonly host: WindowHost) {}

  windows(): PhoneWindow[] {
    return this.compose().windows;
  }

  /** The title of the focused window, as `dumpsys window` prints mCurrentFocus. */
  focusedTitle(): string {
    return this.compose().active.title;
  }

  /** A video plays in the activity in front. */
  playing(): boolean {
    return this.compose().drawing.playing === true;
  }

  /** The XML `uiautomator dump` writes: the active window, views wholly under others left out. */
  dump(): string {
    const { windows, active } = this.compose();
    const covers = windows.slice(windows.indexOf(active) + 1).map((window) => window.frame);
    const { width, height } = this.host.profile.screen;
    const hidden = this.host.profile.dumpHidesCovered ? (bounds: Rect) => subtract(bounds, covers).length === 0 : () => false;
    return dumpXml(active.root, { package: active.package, display: [0, 0, width, height], hidden });
  }

  /** `input tap`: the topmost touchable window at the point gets it. Returns what was hit, for the app's events. */
  tap(x: number, y: number): string {
    for (const window of this.windows().reverse()) {
      if (!contains(window.frame, x, y)) {
        if (window.touchModal) {
          window.onTap?.(x, y, true);
          return `outside ${window.title}`;
        }
        continue;
      }
      if (window.tapThrough) continue;
      const hit = hitTest(window.root, x, y);
      if (hit === undefined) {
        window.onTap?.(x, y, false);
        return window.title;
      }
      if (hit.enabled !== false) hit.onTap?.({ x, y, bounds: hit.bounds });
      return `${hit.text || hit.desc || hit.id || hit.cls}${hit.enabled === false ? " (disabled)" : ""}`;
    }
    return "nothing";
  }

  /**
   * `input swipe`: the window under the finger's start gets the drag. In an app's window the
   * innermost scrolling view along the drag's axis scrolls by the finger's travel past the
   * touch slop (RecyclerView.onTouchEvent), mapped to the app's design space; no fling is
   * modelled. A drag no view takes reaches the screen (`swipe`), as before.
   */
  swipe(x1: number, y1: number, x2: number, y2: number): string {
    const { profile, foreground } = this.host;
    for (const window of this.windows().reverse()) {
      if (!contains(window.frame, x1, y1)) {
        if (window.touchModal) {
          window.onTap?.(x1, y1, true);
          return `outside ${window.title}`;
        }
        continue;
      }
      if (window.tapThrough) continue;
      if (window.package !== foreground.screen.package) return window.title;
      const at = placementFor(contentArea(profile));
      const slop = px(TOUCH_SLOP_DP, profile);
      const past = (d: number) => Math.sign(d) * Math.max(0, Math.abs(d) - slop);
      const travel: Travel = { dx: past(x2 - x1) / at.scaleX, dy: past(y2 - y1) / at.scaleY };
      if (travel.dx === 0 && travel.dy === 0) return `${window.title} (within the touch slop)`;
      for (const node of scrollTargets(window.root, x1, y1)) {
        if (node.onScroll?.(travel) === true) return `scrolled ${node.id || node.cls}`;
      }
      if (window.layer === "application") foreground.screen.swipe(x1, y1, x2, y2);
      return window.title;
    }
    return "nothing";
  }

  /** KEYCODE_BACK: the keyboard takes it first (InputMethodService.handleBack), then the focused window. */
  back(): void {
    const { imes, foreground, permissions } = this.host;
    if (imes.shown) return imes.hide();
    const front = foreground.frontPackage;
    const request = front === undefined ? undefined : permissions.pending(front);
    if (request !== undefined) return permissions.answer(request, "back");
    const { dialog } = foreground.screen.draw();
    if (dialog !== undefined) return (dialog.back ?? dialog.cancel)?.();
    if (!foreground.screen.back()) foreground.home();
  }

  /**
   * Key events (`input text`, ENTER, DEL) and an IME's commits go to the focused window's
   * field: the activity's, or its own dialog's (a sheet with a search field); never another
   * package's window (the permission controller's).
   */
  sendText(text: string): void {
    const { active, windows } = this.compose();
    const screen = this.host.foreground.screen;
    if (active === windows[0] || (active.layer === "dialog" && active.package === screen.package)) screen.inputText(text);
  }

  private compose(): Composition {
    const { profile, foreground, imes, permissions } = this.host;
    const { width, height } = profile.screen;
    const full: Rect = [0, 0, width, height];
    const area = contentArea(profile);
    const at = placementFor(area);
    const screen = foreground.screen;
    const drawing = screen.draw();
    const windows: PhoneWindow[] = [
      {
        title: drawing.activity,
        package: screen.package,
        layer: "application",
        frame: full,
        // The DecorView spans the whole screen; the app lays its views out inside the insets.
        root: { cls: FRAME, bounds: full, children: drawing.views.map((view) => place(view, at)) },
        focusable: true,
        touchModal: false,
        tapThrough: false,
      },
    ];
    const { dialog } = drawing;
    if (dialog !== undefined) {
      windows.push(this.dialogWindow(drawing.activity, screen.package, place({ cls: FRAME, bounds: dialog.bounds, children: dialog.views }, at), () => dialog.cancel?.()));
    }
    const request = foreground.frontPackage === undefined ? undefined : permissions.pending(foreground.frontPackage);
    if (request !== undefined) {
      const card = permissionDialog(request, profile.permissionController, profile.locale, profile.sdk, (answer) => permissions.answer(request, answer));
      const activity = `${profile.permissionController}/com.android.permissioncontroller.permission.ui.GrantPermissionsActivity`;
      windows.push(this.dialogWindow(activity, profile.permissionController, place({ cls: FRAME, bounds: card.bounds, children: card.views }, at), () => undefined));
    }
    const active = windows.at(-1) ?? windows[0];
    if (active === undefined) throw new Error("no window on screen");
    // Focus leaving the field's window takes the keyboard away.
    if (active.title !== this.lastActive && active !== windows[0]) imes.hide();
    this.lastActive = active.title;
    const bars = systemBars(profile, { back: () => this.back(), home: () => foreground.home(), recents: () => undefined });
    const navBarTop = height - (bars[1] === undefined ? 0 : bars[1].frame[3] - bars[1].frame[1]);
    if (imes.shown) {
      windows.push(
        keyboardWindow(profile, imes.view, profile.navigation === "gesture" ? area[3] : navBarTop, {
          key: (char) => this.sendText(char),
          hide: () => imes.hide(),
        }),
      );
    }
    windows.push(...bars);
    return { windows, active, drawing };
  }

  private dialogWindow(title: string, pkg: string, root: ViewNode, cancel: () => void): PhoneWindow {
    return {
      title,
      package: pkg,
      layer: "dialog",
      frame: root.bounds,
      root,
      focusable: true,
      touchModal: true,
      tapThrough: false,
      onTap: (_x, _y, outside) => {
        if (outside) cancel();
      },
    };
  }
}
