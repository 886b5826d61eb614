import type { Rect, UiNode } from "./ui-node.js";

/**
 * The dialog both apps show on first launch. It is a window of its own, so a dump while it
 * is up holds only the dialog: a script must answer it before it can see the app again.
 */
export function notificationPopup(answer: (choice: string) => void): UiNode[] {
  const button = (text: string, bounds: Rect): UiNode => ({ cls: "android.widget.Button", text, bounds, onTap: () => answer(text) });
  return [
    {
      cls: "android.widget.LinearLayout",
      bounds: [90, 900, 990, 1500],
      children: [
        { cls: "android.widget.TextView", text: "Turn on notifications?", bounds: [140, 950, 940, 1050] },
        { cls: "android.widget.TextView", text: "Get updates when your post is live.", bounds: [140, 1060, 940, 1200] },
        button("Not now", [140, 1350, 520, 1450]),
        button("Turn on", [560, 1350, 940, 1450]),
      ],
    },
  ];
}
