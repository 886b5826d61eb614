import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";
import { hash } from "../system/input-method.js";
import { batteryDump } from "./battery-dump.js";
import type { PhoneState } from "./commands.js";
import { powerDump } from "./power-dump.js";

// The parts of `dumpsys` scripts read, in Android's formats: `input_method` (is the keyboard
// shown: mInputShown), `package <pkg>` (versionName, runtime permissions), `window` (the
// focused window: mCurrentFocus), `battery` and `power` (the phone's condition). Each real
// dump has far more lines; some are kept so that a reader that assumes a line is the first or
// the only one fails here as it would there.
export function dumpsysCommand([service, ...args]: string[], phone: PhoneState): CommandResult {
  switch (service) {
    case "battery":
      if (!phone.condition.batteryService) return textResult("", 0, "Can't find service: battery\n");
      return textResult(batteryDump(phone.condition, phone.profile));
    case "power":
      return textResult(powerDump(phone.condition, phone.profile));
    case "input_method":
      return textResult(
        [
          "Current Input Method Manager state:",
          "  Input Methods: mMethodMapUpdateCount=3 mBindInstantServiceAllowed=false",
          ...phone.imes.available().map((id) => `  InputMethod #: ${id}`),
          ...phone.imes.dumpLines(phone.profile.sdk, phone.windows.focusedTitle(), phone.profile.imeDump),
          "",
        ].join("\n"),
      );
    case "package": {
      const pkg = args[0];
      const installed = pkg === undefined ? undefined : phone.packages.get(pkg);
      if (pkg === undefined || installed === undefined) return textResult(`Unable to find package: ${pkg ?? ""}\n`);
      return textResult(
        [
          "Packages:",
          `  Package [${pkg}] (${hash(pkg)}):`,
          `    appId=10${String(Math.abs(hash(pkg).charCodeAt(0)) % 900).padStart(3, "0")}`,
          `    pkg=Package{${hash(pkg + "p")} ${pkg}}`,
          `    codePath=${installed.apk.replace(/\/base\.apk$/, "")}`,
          `    versionCode=${installed.versionCode} minSdk=24 targetSdk=${Math.min(34, phone.profile.sdk)}`,
          `    versionName=${installed.versionName}`,
          ...phone.permissions.dumpLines(pkg),
          "",
        ].join("\n"),
      );
    }
    case "window": {
      const focus = phone.windows.focusedTitle();
      return textResult(
        [
          "WINDOW MANAGER WINDOWS (dumpsys window windows)",
          ...phone.windows
            .windows()
            .reverse()
            .map((window, i) => `  Window #${i} Window{${hash(window.title)} u0 ${window.title}}:`),
          `  mCurrentFocus=Window{${hash(focus)} u0 ${focus}}`,
          `  mFocusedApp=ActivityRecord{${hash(focus + "a")} u0 ${focus} t42}`,
          "",
        ].join("\n"),
      );
    }
    default:
      return textResult("", 0, `Can't find service: ${service ?? ""}\n`);
  }
}
