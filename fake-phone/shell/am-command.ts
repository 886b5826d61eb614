import type { PhoneState } from "./commands.js";
import { type Intent, describeIntent, parseIntent, shortComponent, stringExtra } from "./intent.js";
import { textResult } from "../screen/screen-model.js";
import type { CommandResult } from "../adb/services.js";

const FLAG_ACTIVITY_NEW_TASK = 0x10000000;
const FLAG_BROADCAST = 0x400000;

/** `am start|start-activity|broadcast|force-stop`. */
export function amCommand([sub, ...args]: string[], phone: PhoneState): CommandResult {
  switch (sub) {
    case "start":
    case "start-activity":
      return startActivity(args, phone);
    case "broadcast":
      return broadcast(args, phone);
    case "force-stop":
      // Real am is silent, even for a package that is not installed.
      if (args[0] !== undefined) phone.foreground.forceStop(args[0]);
      return textResult("");
    default:
      return textResult("", 255, `am: unsupported ${sub ?? ""}\n`);
  }
}

function startActivity(args: string[], phone: PhoneState): CommandResult {
  const parsed = parseIntent(args);
  if ("error" in parsed) return textResult("", 255, `${parsed.error}\n`);
  // am start always launches into a task of its own.
  const intent: Intent = { ...parsed, flags: parsed.flags | FLAG_ACTIVITY_NEW_TASK };
  const starting = `Starting: ${describeIntent(intent)}\n`;
  const unresolved = textResult(starting, 0, `Error: Activity not started, unable to resolve ${describeIntent(intent)}\n`);
  let { component } = intent;
  if (component === undefined) {
    // Implicit intents with no package would open Android's chooser, which the fake does not
    // model: scripts name the app, by its package or its component.
    if (intent.package === undefined) return unresolved;
    // Limited to one package: the activity of that app whose intent filter takes it.
    const cls = phone.foreground.app(intent.package)?.resolve?.(intent);
    if (cls === undefined) return unresolved;
    component = { pkg: intent.package, cls };
  }
  const app = phone.foreground.app(component.pkg);
  if (app === undefined) return phone.foreground.launcher.startActivity?.(args) ?? missingActivity(intent);
  if (!app.activities.includes(component.cls)) return missingActivity(intent);

  if (intent.stopFirst) phone.foreground.forceStop(app.package);
  const cold = !app.running;
  phone.foreground.start(app, component.cls, intent);
  if (!intent.wait) return textResult(starting);
  const status = ["Status: ok", `LaunchState: ${cold ? "COLD" : "WARM"}`, `Activity: ${shortComponent(component)}`, "TotalTime: 412", "WaitTime: 415", "Complete"];
  return textResult(`${starting}${status.map((line) => `${line}\n`).join("")}`);
}

/** am's answer to `am start <args>` naming a class the package does not have. */
export function missingActivityFor(args: string[]): CommandResult {
  const parsed = parseIntent(args);
  if ("error" in parsed) return textResult("", 255, `${parsed.error}\n`);
  return missingActivity({ ...parsed, flags: parsed.flags | FLAG_ACTIVITY_NEW_TASK });
}

// An Error: line, yet exit 0: which is why the agent must read the output, not the status.
function missingActivity(intent: Intent): CommandResult {
  const { component } = intent;
  const name = component === undefined ? "" : `${component.pkg}/${component.cls}`;
  return textResult(`Starting: ${describeIntent(intent)}\n`, 0, `Error type 3\nError: Activity class {${name}} does not exist.\n`);
}

function broadcast(args: string[], phone: PhoneState): CommandResult {
  const parsed = parseIntent(args);
  if ("error" in parsed) return textResult("", 255, `${parsed.error}\n`);
  const intent: Intent = { ...parsed, flags: parsed.flags | FLAG_BROADCAST };
  deliver(intent, phone);
  // Nobody listening is still "result=0": a broadcast cannot tell whether it was received.
  return textResult(`Broadcasting: ${describeIntent(intent)}\nBroadcast completed: result=0\n`);
}

function deliver(intent: Intent, phone: PhoneState): void {
  switch (intent.action) {
    case "android.intent.action.MEDIA_SCANNER_SCAN_FILE":
      // Only file:// data reaches the scanner; a bare path is silently not a file uri.
      if (intent.data?.startsWith("file://")) phone.media.requestScan(decodeURIComponent(intent.data.slice("file://".length)));
      return;
    case "ADB_INPUT_TEXT":
    case "ADB_INPUT_B64":
    case "ADB_CLEAR_TEXT": {
      // A receiver registered by ADBKeyBoard once its view was shown: not before it is bound
      // (after `ime set`) and has shown itself on a focused field.
      if (!phone.imes.adbKeyboardListening()) return;
      if (intent.action === "ADB_CLEAR_TEXT") return phone.foreground.screen.clearText?.();
      const message = stringExtra(intent, "msg");
      if (message === undefined) return;
      phone.windows.sendText(intent.action === "ADB_INPUT_B64" ? Buffer.from(message, "base64").toString("utf8") : message);
      return;
    }
  }
}

/** `monkey -p PKG -c android.intent.category.LAUNCHER 1`: the usual way to open an app. */
export function monkeyCommand(args: string[], phone: PhoneState): CommandResult {
  const packages = args.flatMap((arg, i) => (args[i - 1] === "-p" ? [arg] : []));
  // Only modelled apps have a launcher activity; a bare package (e.g. ADBKeyBoard) has none.
  const app = packages.map((pkg) => phone.foreground.app(pkg)).find((a) => a !== undefined);
  if (app === undefined) return textResult("", 252, "** No activities found to run, monkey aborted.\n");
  phone.foreground.launch(app);
  return textResult("Events injected: 1\n");
}
