import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { ScrollList } from "../scroll-list.js";
import type { SocialUser } from "../social-world.js";
import type { TikTokStrings } from "./strings.js";
import { matchingPosts, matchingUsers, userRows, videoCells } from "./tiktok-search-results.js";
import type { TikTokSocialUi } from "./tiktok-social-ui.js";
import { soundRow } from "./tiktok-sound-rows.js";
import type { SoundLibrary, TikTokSound } from "./tiktok-sounds.js";
import { BUTTON, FRAME, IMAGE, LINEAR, PROGRESS, TEXT } from "./tiktok-ui.js";

type ResultTab = keyof TikTokStrings["resultTabs"];
const TABS: readonly ResultTab[] = ["top", "users", "videos", "photos", "shop", "sounds", "hashtags"];
const RESULTS: Rect = [0, 270, 1080, 2400];
const FIELD = "search";

/**
 * The feed's search (TAKT search.py, dumps of 2026-01-11): an EditText `giv` with the hint
 * "Search", Back `b9c`, "Clear search field" `c87` once there is text, and a Button `y61`
 * "Search". It opens with the field focused and the keyboard up. The Search button or ENTER
 * searches (and hides the keyboard); after `soundLoadMs` the results show under tabs "Top",
 * "Users", "Videos", "Photos", "Shop", "Sounds", "Hashtags", on Top. Sounds lists the
 * sounds whose title or author contains the query, in the catalogue's order, as rows of a
 * RecyclerView drawn without text like the sounds sheet's (no source records these rows:
 * the harder case); a row opens its sound's page. Users lists the world's users by username or
 * full name, Videos its posts by caption (tiktok-search-results.ts); Top shows unlabelled covers
 * only, never the users as rows (the harder case: a script must switch to Users). None: "No
 * results found" (APK j1j).
 */
export class TikTokSearch {
  private searched: { query: string; at: number } | undefined;
  private tab: ResultTab = "top";
  private readonly list = new ScrollList();

  constructor(
    private readonly ui: TikTokSocialUi,
    private readonly library: SoundLibrary,
    private readonly openSound: (sound: TikTokSound) => void,
    private readonly unfollow: (user: SocialUser) => void,
  ) {}

  open(): void {
    this.searched = undefined;
    this.tab = "top";
    this.list.reset();
    this.ui.setField(FIELD, "");
    this.ui.go("search");
    this.ui.focus(FIELD);
  }

  render(): ViewNode[] {
    const { ui } = this;
    const t = ui.strings();
    const nodes: ViewNode[] = [
      { cls: IMAGE, id: ui.id("searchBack"), desc: t.back, bounds: [20, 30, 130, 150], onTap: () => ui.close() },
      ui.field(FIELD, t.searchHint, [140, 40, 760, 140], { id: ui.id("searchField"), onEnter: () => this.submit() }),
    ];
    if (ui.fieldValue(FIELD) !== "") {
      nodes.push({ cls: IMAGE, id: ui.id("searchClear"), desc: t.clearSearch, bounds: [770, 50, 850, 130], onTap: () => ui.setField(FIELD, "") });
    }
    nodes.push({ cls: BUTTON, id: ui.id("searchButton"), text: t.searchButton, bounds: [860, 40, 1060, 140], onTap: () => this.submit() });
    if (this.searched !== undefined) nodes.push(this.tabs(), this.results(this.searched));
    return nodes;
  }

  private tabs(): ViewNode {
    const { ui } = this;
    const t = ui.strings();
    const width = 1080 / TABS.length;
    return {
      cls: LINEAR,
      bounds: [0, 160, 1080, 260],
      children: TABS.map((tab, i): ViewNode => {
        const bounds: Rect = [Math.round(i * width), 160, Math.round((i + 1) * width), 260];
        return {
          cls: LINEAR,
          id: ui.id("searchTab"),
          bounds,
          selected: this.tab === tab,
          onTap: () => {
            this.tab = tab;
            this.list.reset();
            if (tab === "photos" || tab === "shop" || tab === "hashtags") ui.event(`search tab ${tab} not modelled`);
          },
          children: [{ cls: TEXT, text: t.resultTabs[tab], bounds: [bounds[0] + 8, 180, bounds[2] - 8, 240] }],
        };
      }),
    };
  }

  private results(searched: { query: string; at: number }): ViewNode {
    const { ui } = this;
    if (Date.now() < searched.at + ui.loadMs()) return { cls: FRAME, bounds: RESULTS, children: [{ cls: PROGRESS, id: ui.id("searchProgress"), bounds: [490, 1100, 590, 1200] }] };
    if (this.tab === "top") {
      // Videos: unlabelled covers, two across.
      const cells = Array.from({ length: 4 }, (_, i): ViewNode => {
        const bounds: Rect = [(i % 2) * 540 + 10, 290 + Math.floor(i / 2) * 760, (i % 2) * 540 + 530, 290 + Math.floor(i / 2) * 760 + 740];
        return { cls: FRAME, bounds, onTap: () => ui.event("search video not modelled"), children: [{ cls: IMAGE, bounds }] };
      });
      return { cls: FRAME, id: ui.id("searchResults"), bounds: RESULTS, children: cells };
    }
    if (this.tab === "users") {
      const users = matchingUsers(ui, searched.query);
      return users.length === 0 ? this.none() : userRows(ui, users, this.list, RESULTS, this.unfollow);
    }
    if (this.tab === "videos") {
      const posts = matchingPosts(ui, searched.query);
      return posts.length === 0 ? this.none() : videoCells(ui, posts, RESULTS);
    }
    if (this.tab !== "sounds") return { cls: FRAME, id: ui.id("searchResults"), bounds: RESULTS };
    const q = searched.query.toLowerCase();
    const sounds = this.library.all().filter((sound) => sound.title.toLowerCase().includes(q) || sound.author.toLowerCase().includes(q));
    if (sounds.length === 0) return this.none();
    return this.list.render({
      bounds: RESULTS,
      id: ui.id("searchResults"),
      items: sounds.map((sound) => soundRow(ui, "searchSoundRow", { tap: () => this.openSound(sound) })),
    });
  }

  private none(): ViewNode {
    return { cls: FRAME, bounds: RESULTS, children: [{ cls: TEXT, text: this.ui.strings().noResults, bounds: [140, 1000, 940, 1100] }] };
  }

  private submit(): void {
    const query = this.ui.fieldValue(FIELD).trim();
    if (query === "") return;
    this.searched = { query, at: Date.now() };
    // A new search starts on Top again.
    this.tab = "top";
    this.list.reset();
    this.ui.event(`search "${query}"`);
    this.ui.blur();
  }
}
