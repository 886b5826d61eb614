import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";

// Runtime permissions (PermissionManagerService and PermissionController's
// GrantPermissionsActivity), as far as posting meets them: an app asks, a dialog of the
// permission controller shows over it until answered, "Don't allow" twice and Android stops
// asking (USER_FIXED: the app is told "denied" with no dialog), `pm grant` grants without one.

const P = "android.permission.";
export const READ_MEDIA_IMAGES = `${P}READ_MEDIA_IMAGES`;
export const READ_MEDIA_VIDEO = `${P}READ_MEDIA_VIDEO`;
export const READ_MEDIA_VISUAL_USER_SELECTED = `${P}READ_MEDIA_VISUAL_USER_SELECTED`;
export const READ_EXTERNAL_STORAGE = `${P}READ_EXTERNAL_STORAGE`;
export const CAMERA = `${P}CAMERA`;
export const RECORD_AUDIO = `${P}RECORD_AUDIO`;
export const POST_NOTIFICATIONS = `${P}POST_NOTIFICATIONS`;
export const READ_CONTACTS = `${P}READ_CONTACTS`;

/** What a dialog asks for; one dialog per group, as PermissionController groups them. */
export type PermissionGroup = "photos" | "camera" | "microphone" | "notifications" | "contacts";

const GROUP_OF: Record<string, PermissionGroup> = {
  [READ_MEDIA_IMAGES]: "photos",
  [READ_MEDIA_VIDEO]: "photos",
  [READ_MEDIA_VISUAL_USER_SELECTED]: "photos",
  [READ_EXTERNAL_STORAGE]: "photos",
  [CAMERA]: "camera",
  [RECORD_AUDIO]: "microphone",
  [POST_NOTIFICATIONS]: "notifications",
  [READ_CONTACTS]: "contacts",
};

/** Permissions that exist from an SDK level on (`pm grant` of a newer one: "Unknown permission"). */
const SINCE: Record<string, number> = {
  [READ_MEDIA_IMAGES]: 33,
  [READ_MEDIA_VIDEO]: 33,
  [POST_NOTIFICATIONS]: 33,
  [READ_MEDIA_VISUAL_USER_SELECTED]: 34,
};

/** The photo permissions an app targeting this SDK asks for. */
export function photoPermissions(sdk: number): string[] {
  return sdk >= 33 ? [READ_MEDIA_IMAGES, READ_MEDIA_VIDEO] : [READ_EXTERNAL_STORAGE];
}

/** How the user answered a dialog: "partial" is Android 14's "Select photos and videos". */
export type Answer = "allow" | "allow-once" | "partial" | "deny";

export interface PermissionRequest {
  pkg: string;
  /** The app's label in the dialog's message. */
  label: string;
  group: PermissionGroup;
  permissions: string[];
  /** The deny button is "don't ask again" (the group was denied once before). */
  denyIsFinal: boolean;
}

interface AppPermissions {
  requested: Set<string>;
  granted: Set<string>;
  /** Denials per group; two make it USER_FIXED. */
  denied: Map<PermissionGroup, number>;
}

export class Permissions {
  private readonly apps = new Map<string, AppPermissions>();
  /** Requests waiting for an answer, oldest first: the first is the dialog on screen. */
  private readonly queue: Array<{ request: PermissionRequest; then: (granted: boolean) => void }> = [];

  constructor(
    private readonly sdk: number,
    private readonly grantRefused = false,
  ) {}

  /** The app's manifest: what it may ask for. */
  declare(pkg: string, permissions: readonly string[]): void {
    const known = permissions.filter((permission) => (SINCE[permission] ?? 0) <= this.sdk);
    // Android 14 adds READ_MEDIA_VISUAL_USER_SELECTED to any app that requests the media permissions.
    if (this.sdk >= 34 && known.some((p) => p === READ_MEDIA_IMAGES || p === READ_MEDIA_VIDEO)) known.push(READ_MEDIA_VISUAL_USER_SELECTED);
    this.apps.set(pkg, { requested: new Set(known), granted: new Set(), denied: new Map() });
  }

  isGranted(pkg: string, permission: string): boolean {
    return this.apps.get(pkg)?.granted.has(permission) ?? false;
  }

  /** Full access to photos and videos (not just the ones a user picked). */
  hasPhotos(pkg: string): boolean {
    return photoPermissions(this.sdk).every((permission) => this.isGranted(pkg, permission));
  }

  /**
   * ActivityCompat.requestPermissions for one group: answered at once when granted or fixed,
   * else a dialog is queued; `then` gets whether the group was granted.
   */
  request(pkg: string, label: string, permissions: readonly string[], then: (granted: boolean) => void): void {
    const app = this.apps.get(pkg);
    const wanted = permissions.filter((permission) => app?.requested.has(permission) === true);
    const group = wanted[0] === undefined ? undefined : GROUP_OF[wanted[0]];
    if (app === undefined || group === undefined) return then(false);
    if (wanted.every((permission) => app.granted.has(permission))) return then(true);
    const denials = app.denied.get(group) ?? 0;
    if (denials >= 2) return then(false);
    if (this.queue.some((entry) => entry.request.pkg === pkg && entry.request.group === group)) return;
    this.queue.push({ request: { pkg, label, group, permissions: wanted, denyIsFinal: denials >= 1 }, then });
  }

  /** The dialog on screen for an app, if any. */
  pending(pkg: string): PermissionRequest | undefined {
    return this.queue.find((entry) => entry.request.pkg === pkg)?.request;
  }

  /** A button of the dialog (or BACK, which denies without counting as a denial). */
  answer(request: PermissionRequest, answer: Answer | "back"): void {
    const index = this.queue.findIndex((entry) => entry.request === request);
    const entry = this.queue[index];
    const app = this.apps.get(request.pkg);
    if (entry === undefined || app === undefined) return;
    this.queue.splice(index, 1);
    if (answer === "allow" || answer === "allow-once") {
      for (const permission of request.permissions) if (permission !== READ_MEDIA_VISUAL_USER_SELECTED) app.granted.add(permission);
    } else if (answer === "partial") {
      // Android 14: the media permissions are denied, only the user's picks are readable.
      app.granted.add(READ_MEDIA_VISUAL_USER_SELECTED);
    } else if (answer === "deny") {
      app.denied.set(request.group, (app.denied.get(request.group) ?? 0) + 1);
    }
    entry.then(answer === "allow" || answer === "allow-once");
  }

  /** The app was force-stopped: its dialogs go with it. */
  forget(pkg: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]?.request.pkg === pkg) this.queue.splice(i, 1);
  }

  /** `pm grant|revoke <pkg> <permission>`, with PackageManagerShellCommand's errors (Android 13–14). */
  command(verb: "grant" | "revoke", pkg: string | undefined, permission: string | undefined, installed: boolean): CommandResult {
    if (pkg === undefined) return textResult("", 1, "Error: no package specified\n");
    if (permission === undefined) return textResult("", 1, "Error: no permission specified\n");
    const fail = (exception: string) => textResult("", 255, `\nException occurred while executing '${verb}':\n${exception}\n\tat com.android.server.pm.PackageManagerShellCommand.runGrantRevokePermission(PackageManagerShellCommand.java:2920)\n`);
    if (this.grantRefused) return fail(`java.lang.SecurityException: ${verb}RuntimePermission: Neither user 2000 nor current process has android.permission.${verb === "grant" ? "GRANT" : "REVOKE"}_RUNTIME_PERMISSIONS.`);
    if (!installed) return fail(`java.lang.IllegalArgumentException: Unknown package: ${pkg}`);
    if ((SINCE[permission] ?? 0) > this.sdk || !permission.startsWith(P)) return fail(`java.lang.IllegalArgumentException: Unknown permission: ${permission}`);
    if (GROUP_OF[permission] === undefined) return fail(`java.lang.SecurityException: Permission ${permission} requested by ${pkg} is not a changeable permission type`);
    const app = this.apps.get(pkg);
    if (app === undefined || !app.requested.has(permission)) return fail(`java.lang.SecurityException: Package ${pkg} has not requested permission ${permission}`);
    if (verb === "grant") app.granted.add(permission);
    else app.granted.delete(permission);
    return textResult("");
  }

  /** The runtime permission lines of `dumpsys package <pkg>`. */
  dumpLines(pkg: string): string[] {
    const app = this.apps.get(pkg);
    if (app === undefined) return [];
    return [
      "    requested permissions:",
      ...[...app.requested].map((permission) => `      ${permission}`),
      "    User 0: ceDataInode=4184 installed=true hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false",
      "      runtime permissions:",
      ...[...app.requested].map((permission) => {
        const group = GROUP_OF[permission];
        const denials = group === undefined ? 0 : (app.denied.get(group) ?? 0);
        const flags = denials >= 2 ? "USER_SET|USER_FIXED" : denials === 1 ? "USER_SET" : "";
        return `        ${permission}: granted=${app.granted.has(permission)}, flags=[ ${flags}]`;
      }),
    ];
  }
}
