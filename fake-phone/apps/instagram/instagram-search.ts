import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { ScrollList } from "../scroll-list.js";
import type { SocialPost, SocialUser } from "../social-world.js";
import { BUTTON, EDIT, IMAGE, type InstagramUi, LINEAR, TEXT } from "./instagram-ui.js";

const FIELD = "search";
const ROW_DP = 64;

/**
 * Search and explore (tikmatrix-scripts.md §3.4). The tab `search_tab` opens explore: the box
 * `action_bar_search_edit_text` (hint "Search with Meta AI" on 2025's build, GK; "Search" on
 * 263) over a grid of the feed's posts. Typed text lists, in a RecyclerView, first a keyword row
 * `row_search_keyword_title` for the query (the harder case: a script must skip it), then the
 * world's users whose username or full name contains it: `row_search_user_container` >
 * `row_search_user_username`, `row_search_user_fullname` (GK, TAKT). A user row opens the
 * profile. ENTER or the keyword row searches the topic: a results page with tabs and a grid of
 * the posts whose caption contains the query (case-insensitive), "No results found" (GK's
 * prompt: GUESS) when none; a tile opens them in the reel viewer, from that one. The grid
 * tiles' form ("Reel by … at Row 1, Column 1") is the profile grid's (GK), assumed here.
 */
export class InstagramSearch {
  private readonly rows = new ScrollList("vertical");

  constructor(
    private readonly ui: InstagramUi,
    private readonly openReels: (posts: readonly SocialPost[], index: number) => void,
  ) {}

  /** The tab: explore with an empty, unfocused box. */
  reset(): void {
    this.ui.setField(FIELD, "");
    this.rows.reset();
  }

  renderExplore(): ViewNode[] {
    const query = this.ui.fieldValue(FIELD).trim();
    const nodes: ViewNode[] = [this.box(), ...(query === "" ? this.grid(this.ui.world.feed, 180) : [this.suggestions(query)])];
    return [...nodes, this.ui.tabBar("search")];
  }

  renderTopic(query: string): ViewNode[] {
    const ui = this.ui;
    const s = ui.s();
    const posts = this.matching(query);
    const tabs = s.resultTabs.map((label, i): ViewNode => ({ cls: TEXT, text: label, selected: i === 0, bounds: [i * 180, 180, (i + 1) * 180, 270], onTap: () => ui.event(`results tab ${label} not modelled`) }));
    const nodes: ViewNode[] = [
      { cls: IMAGE, desc: s.back, bounds: [0, 30, 120, 140], onTap: () => ui.close() },
      { cls: EDIT, id: ui.id("action_bar_search_edit_text"), text: query, bounds: [130, 30, 1040, 140], focusable: true, onTap: () => this.editAgain(query) },
      { cls: LINEAR, bounds: [0, 180, 1080, 270], children: tabs },
    ];
    if (posts.length === 0) nodes.push({ cls: TEXT, text: s.noResults, bounds: [60, 600, 1020, 700] });
    else nodes.push(...this.grid(posts, 290));
    return [...nodes, ui.tabBar("search")];
  }

  private box(): ViewNode {
    const ui = this.ui;
    const s = ui.s();
    const hint = ui.build.searchHint === "meta" ? s.searchHint.meta : s.searchHint.plain;
    return ui.field(FIELD, hint, [40, 30, 1040, 140], { id: ui.id("action_bar_search_edit_text"), onEnter: () => this.submit(ui.fieldValue(FIELD)) });
  }

  private submit(text: string): void {
    const query = text.trim();
    if (query === "") return;
    this.ui.blur();
    this.ui.event(`search topic ${JSON.stringify(query)}`);
    this.ui.go(`topic:${query}`);
  }

  /** The results page's box goes back to explore, with the query to edit. */
  private editAgain(query: string): void {
    this.ui.close();
    this.ui.setField(FIELD, query);
    this.ui.focus(FIELD);
  }

  private matching(query: string): SocialPost[] {
    const q = query.toLowerCase();
    return this.ui.world.feed.filter((post) => post.caption.toLowerCase().includes(q));
  }

  private users(query: string): SocialUser[] {
    const q = query.toLowerCase().replace(/^@/, "");
    return this.ui.world.users.filter((user) => user.username.toLowerCase().includes(q) || (user.fullName ?? "").toLowerCase().includes(q));
  }

  private suggestions(query: string): ViewNode {
    const ui = this.ui;
    const { id } = ui;
    const size = ROW_DP * ui.dp().y;
    const keyword = {
      size,
      draw: ([l, t, r, b]: Rect): ViewNode => ({
        cls: LINEAR,
        bounds: [l, t, r, b],
        onTap: () => this.submit(query),
        children: [
          { cls: IMAGE, bounds: [l + 40, t + 20, l + 140, b - 20] },
          { cls: TEXT, id: id("row_search_keyword_title"), text: query, bounds: [l + 170, t + 20, r - 40, b - 20] },
        ],
      }),
    };
    const users = this.users(query).map((user) => ({
      size,
      draw: ([l, t, r, b]: Rect): ViewNode => ({
        cls: LINEAR,
        id: id("row_search_user_container"),
        bounds: [l, t, r, b],
        onTap: () => this.openUser(user),
        children: [
          { cls: IMAGE, bounds: [l + 40, t + 15, l + 140, b - 15] },
          { cls: TEXT, id: id("row_search_user_username"), text: user.username, bounds: [l + 170, t + 10, r - 40, t + (b - t) / 2] },
          { cls: TEXT, id: id("row_search_user_fullname"), text: user.fullName ?? "", bounds: [l + 170, t + (b - t) / 2, r - 40, b - 10] },
        ],
      }),
    }));
    return this.rows.render({ bounds: [0, 170, 1080, 2250], items: [keyword, ...users] });
  }

  private openUser(user: SocialUser): void {
    this.ui.blur();
    this.ui.event(`search row @${user.username}`);
    this.ui.go(`user:${user.username}`);
  }

  private grid(posts: readonly SocialPost[], top: number): ViewNode[] {
    const ui = this.ui;
    const s = ui.s();
    return posts
      .slice(0, 12)
      .map((post, i): ViewNode => {
        const row = Math.floor(i / 3);
        const column = i % 3;
        const y = top + row * 480;
        return {
          cls: BUTTON,
          id: ui.id("image_button"),
          desc: s.tile(ui.isVideo(post) ? "Reel" : "Photo", post.author, row + 1, column + 1),
          bounds: [column * 360, y, column * 360 + 358, Math.min(2240, y + 478)],
          onTap: () => this.openReels(posts, i),
        };
      })
      .filter((tile) => tile.bounds[1] < 2240);
  }
}
