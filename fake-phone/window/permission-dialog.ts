import type { Answer, PermissionRequest } from "../system/permissions.js";
import type { Locale } from "../system/device-profile.js";
import type { Rect } from "./rect.js";
import type { ViewNode } from "./view.js";

// PermissionController's GrantPermissionsActivity as it draws: a card over the app with the
// message and its buttons (res/layout/grant_permissions.xml ids), strings from its
// values/strings.xml and values-zh-rCN/strings.xml of the module versions that shipped with
// Android 12, 13 and 14. The apostrophe in "Don’t allow" is U+2019, as in the resources.

type ButtonId =
  | "permission_allow_button"
  | "permission_allow_foreground_only_button"
  | "permission_allow_one_time_button"
  | "permission_allow_all_button"
  | "permission_allow_selected_button"
  | "permission_deny_button"
  | "permission_deny_and_dont_ask_again_button";

interface Strings {
  allow: string;
  deny: string;
  foreground: string;
  oneTime: string;
  allowAll: string;
  limited: string;
  message: (group: PermissionRequest["group"], label: string, sdk: number) => string;
}

const EN: Strings = {
  allow: "Allow",
  deny: "Don\u2019t allow",
  foreground: "While using the app",
  oneTime: "Only this time",
  allowAll: "Allow all",
  limited: "Allow limited access",
  message: (group, label, sdk) => {
    switch (group) {
      case "photos":
        return sdk >= 33 ? `Allow ${label} to access photos and videos on this device?` : `Allow ${label} to access photos and media on your device?`;
      case "camera":
        return `Allow ${label} to take pictures and record video?`;
      case "microphone":
        return `Allow ${label} to record audio?`;
      case "notifications":
        return `Allow ${label} to send you notifications?`;
      case "contacts":
        return `Allow ${label} to access your contacts?`;
    }
  },
};

const ZH: Strings = {
  allow: "允许",
  deny: "不允许",
  foreground: "仅在使用该应用时允许",
  oneTime: "仅限这一次",
  allowAll: "全部允许",
  limited: "允许有限访问",
  message: (group, label, sdk) => {
    const quoted = sdk >= 34 ? `“${label}”` : label;
    switch (group) {
      case "photos":
        return sdk >= 33 ? `${sdk >= 34 ? "要" : ""}允许${quoted}访问此设备上的照片和视频吗？` : `要允许${label}访问您设备上的照片和媒体吗？`;
      case "camera":
        return `要允许“${label}”拍摄照片和录制视频吗？`;
      case "microphone":
        return `要允许${quoted}录音吗？`;
      case "notifications":
        return `${sdk >= 34 ? "要" : ""}允许${quoted}向您发送通知吗？`;
      case "contacts":
        return `要允许${quoted}访问您的通讯录吗？`;
    }
  },
};

export interface PermissionDialog {
  /** Design-space card over the app's content area. */
  bounds: Rect;
  views: ViewNode[];
}

export function permissionDialog(request: PermissionRequest, controller: string, locale: Locale, sdk: number, answer: (answer: Answer) => void): PermissionDialog {
  const strings = locale === "zh-CN" ? ZH : EN;
  const deny: [ButtonId, string, Answer] = [request.denyIsFinal ? "permission_deny_and_dont_ask_again_button" : "permission_deny_button", strings.deny, "deny"];
  const buttons: Array<[ButtonId, string, Answer]> =
    request.group === "photos" && sdk >= 34
      ? [["permission_allow_all_button", strings.allowAll, "allow"], ["permission_allow_selected_button", strings.limited, "partial"], deny]
      : request.group === "camera" || request.group === "microphone"
        ? [["permission_allow_foreground_only_button", strings.foreground, "allow"], ["permission_allow_one_time_button", strings.oneTime, "allow-once"], deny]
        : [["permission_allow_button", strings.allow, "allow"], deny];
  const top = 1000 - buttons.length * 80;
  const bottom = top + 420 + buttons.length * 160;
  const id = (name: string) => `${controller}:id/${name}`;
  return {
    bounds: [60, top, 1020, bottom],
    views: [
      {
        cls: "android.widget.LinearLayout",
        id: id("grant_dialog"),
        bounds: [60, top, 1020, bottom],
        children: [
          { cls: "android.widget.ImageView", id: id("permission_icon"), bounds: [480, top + 60, 600, top + 180] },
          { cls: "android.widget.TextView", id: id("permission_message"), text: strings.message(request.group, request.label, sdk), bounds: [120, top + 200, 960, top + 380] },
          ...buttons.map(([name, text, choice], i): ViewNode => ({
            cls: "android.widget.Button",
            id: id(name),
            text,
            bounds: [120, top + 420 + i * 160, 960, top + 560 + i * 160],
            onTap: () => answer(choice),
          })),
        ],
      },
    ],
  };
}
