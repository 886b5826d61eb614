import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import type { InstagramBuild } from "./builds.js";
import { FRAME, IMAGE, type InstagramTab, LINEAR } from "./instagram-ui.js";
import type { InstagramStrings } from "./strings.js";

export interface TabBarHost {
  id(name: string): string;
  build: InstagramBuild;
  strings(): InstagramStrings;
  open(tab: Exclude<InstagramTab, "none">): void;
  create(): void;
  event(text: string): void;
}

/**
 * The bottom tab bar (instagram-ui.md §1): FrameLayouts known by id and desc, each with a
 * `tab_icon`. 263 (GA's era) and GK's minority layout: Home · Search · Create · Reels ·
 * Profile; 2025's majority layout: Home · Reels · Message · Search · Profile.
 */
export function tabBar(host: TabBarHost, active: InstagramTab): ViewNode {
  const t = host.strings();
  const cell = (i: number): Rect => [i * 216, 2250, (i + 1) * 216, 2400];
  const tab = (i: number, id: string, desc: string, onTap: () => void, selected = false): ViewNode => ({
    cls: FRAME,
    id: host.id(id),
    desc,
    bounds: cell(i),
    selected,
    onTap,
    children: [{ cls: IMAGE, id: host.id("tab_icon"), bounds: cell(i) }],
  });
  const home = tab(0, "feed_tab", t.home, () => host.open("feed"), active === "feed");
  const profile = tab(4, "profile_tab", t.profile, () => host.open("profile"), active === "profile");
  const search = (i: number) => tab(i, "search_tab", t.search, () => host.open("search"), active === "search");
  const reels = (i: number) => tab(i, "clips_tab", t.reels, () => host.open("reels"), active === "reels");
  const middle =
    host.build.create === "tab"
      ? [search(1), tab(2, "creation_tab", t.create, () => host.create()), reels(3)]
      : [reels(1), tab(2, "direct_tab", t.message, () => host.event("direct not modelled")), search(3)];
  return { cls: LINEAR, id: host.id("tab_bar"), bounds: [0, 2250, 1080, 2400], children: [home, ...middle, profile] };
}
