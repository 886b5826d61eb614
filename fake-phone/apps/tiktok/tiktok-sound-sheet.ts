import type { Rect } from "../../window/rect.js";
import type { ViewNode } from "../../window/view.js";
import { type ListItem, ScrollList } from "../scroll-list.js";
import type { TikTokDraft } from "./tiktok-draft.js";
import { soundRow } from "./tiktok-sound-rows.js";
import type { SoundLibrary, TikTokSound } from "./tiktok-sounds.js";
import { BUTTON, FRAME, IMAGE, LINEAR, PROGRESS, TEXT, type TikTokUi } from "./tiktok-ui.js";
import { TikTokVolumePanel } from "./tiktok-volume.js";

export type SheetContext = "editor" | "camera";
type Tab = "forYou" | "favorites" | "recent";

/** The sheet covers the lower part of the screen: a window of its own, so a dump shows only it. */
const SHEET: Rect = [0, 1000, 1080, 2400];
const LIST: Rect = [0, 1270, 1080, 2400];
const RELATED_DP = 120;
const RELATED_CELL_DP = 96;
export const SOUND_SHEET_TITLE = "Sounds";

export interface SoundSheetHost {
  ui: TikTokUi;
  library: SoundLibrary;
  draft: TikTokDraft;
  /** The draft is a photo post (its original sound bar is then disabled). */
  photos(): boolean;
  /** The ✓ of a row: the sound goes on the editor's draft, or on the camera. */
  use(sound: TikTokSound, context: SheetContext): void;
}

/**
 * The sounds sheet the pill opens (MANHWA, TikTok 47.0.3, September 2026; EDDE 2022; AICC
 * 2025). Tabs "For you", "Favorites", "Recent" (APK strings for the last two; Recent is the
 * last, as MANHWA's "its search is the unlabelled icon to the right of the last one, Recent"
 * needs), that unlabelled search icon on the same row, a "Volume" entry above them (the
 * editor's only: EDDE and AICC tap text "Volume" there), and the list: the largest
 * scrollable RecyclerView, its rows without text (tiktok-sound-rows.ts). A tap on a row's left
 * part plays its preview (the row shows selected); its ✓ at 87 % uses the sound. The sheet
 * stays open: BACK steps out of the Volume panel or the search first, then closes it (MANHWA
 * presses Back up to 3 times until the editor's Next shows; the keyboard takes the first).
 * Lists and results show after `soundLoadMs` (MANHWA waits up to 10 s).
 */
export class TikTokSoundSheet {
  private context: SheetContext = "editor";
  private tab: Tab = "forYou";
  private mode: "list" | "search" | "volume" = "list";
  private previewing: string | undefined;
  private openedAt = 0;
  private searched: { query: string; at: number } | undefined;
  private readonly list = new ScrollList();
  private readonly related = new ScrollList("horizontal");
  private readonly volume: TikTokVolumePanel;

  constructor(private readonly host: SoundSheetHost) {
    this.volume = new TikTokVolumePanel(host.ui, host.draft, () => host.photos(), () => (this.mode = "list"));
  }

  open(context: SheetContext): void {
    this.context = context;
    this.tab = "forYou";
    this.mode = "list";
    this.previewing = undefined;
    this.searched = undefined;
    this.openedAt = Date.now();
    this.list.reset();
    this.host.ui.showDialog({
      title: SOUND_SHEET_TITLE,
      bounds: SHEET,
      cancelable: true,
      buttons: [],
      render: () => this.render(),
      back: () => this.back(),
      onCancel: () => (this.previewing = undefined),
    });
  }

  private render(): ViewNode[] {
    const { ui } = this.host;
    const handle: ViewNode = { cls: "android.view.View", bounds: [490, 1020, 590, 1032] };
    if (this.mode === "volume") return [handle, ...this.volume.render()];
    const nodes: ViewNode[] = [handle];
    if (this.context === "editor" && this.mode === "list") {
      nodes.push({
        cls: LINEAR,
        id: ui.id("sheetVolume"),
        bounds: [760, 1030, 1060, 1130],
        onTap: () => this.openVolume(),
        children: [
          { cls: IMAGE, bounds: [770, 1050, 830, 1110] },
          { cls: TEXT, text: ui.strings().volume, bounds: [840, 1040, 1050, 1120] },
        ],
      });
    }
    nodes.push(...(this.mode === "search" ? this.searchBar() : this.tabs()), this.content());
    return nodes;
  }

  private back(): void {
    if (this.mode === "volume") return this.volume.back();
    if (this.mode === "search") {
      this.mode = "list";
      this.host.ui.blur();
      this.list.reset();
      return;
    }
    this.previewing = undefined;
    this.host.ui.closeDialog("back");
  }

  private tabs(): ViewNode[] {
    const { ui } = this.host;
    const t = ui.strings();
    const tabs: Array<[Tab, string, Rect]> = [
      ["forYou", t.sheetForYou, [40, 1150, 280, 1250]],
      ["favorites", t.favorites, [300, 1150, 560, 1250]],
      ["recent", t.recent, [580, 1150, 800, 1250]],
    ];
    return [
      ...tabs.map(
        ([tab, text, bounds]): ViewNode => ({
          cls: TEXT,
          id: ui.id("sheetTab"),
          text,
          bounds,
          selected: this.tab === tab,
          onTap: () => {
            this.tab = tab;
            this.previewing = undefined;
            this.list.reset();
          },
        }),
      ),
      // No desc, no text: MANHWA finds it as the right-most clickable ImageView on the tabs' row.
      { cls: IMAGE, id: ui.id("sheetSearchIcon"), bounds: [900, 1150, 1000, 1250], onTap: () => this.openSearch() },
    ];
  }

  private searchBar(): ViewNode[] {
    const { ui } = this.host;
    const t = ui.strings();
    return [
      ui.field("sheetSearch", t.searchHint, [40, 1150, 800, 1250], { id: ui.id("sheetSearchField"), onEnter: () => this.submit() }),
      { cls: BUTTON, id: ui.id("sheetSearchButton"), text: t.searchButton, bounds: [820, 1150, 1040, 1250], onTap: () => this.submit() },
    ];
  }

  private content(): ViewNode {
    const { ui } = this.host;
    const t = ui.strings();
    const loadedAt = this.mode === "search" ? this.searched?.at : this.openedAt;
    if (loadedAt === undefined) return { cls: FRAME, bounds: LIST };
    if (Date.now() < loadedAt + ui.loadMs()) return { cls: FRAME, bounds: LIST, children: [{ cls: PROGRESS, id: ui.id("sheetProgress"), bounds: [490, 1700, 590, 1800] }] };
    const sounds = this.mode === "search" ? this.matches(this.searched?.query ?? "") : this.tabSounds();
    if (sounds.length === 0) {
      const empty = this.mode === "search" ? t.noResults : this.tab === "favorites" ? t.favoritesEmpty : "";
      return { cls: FRAME, bounds: LIST, children: empty === "" ? [] : [{ cls: TEXT, text: empty, bounds: [140, 1600, 940, 1700] }] };
    }
    const items: ListItem[] = sounds.map((sound) =>
      soundRow(ui, "sheetRow", {
        selected: this.previewing === sound.id,
        tap: () => {
          this.previewing = sound.id;
          ui.event(`sound preview: ${sound.title}`);
        },
        check: () => this.host.use(sound, this.context),
      }),
    );
    if (this.mode === "search") items.unshift(this.relatedRow());
    return this.list.render({ bounds: LIST, id: ui.id("sheetList"), items });
  }

  /** "Videos with related sounds" (MANHWA): a row of its own list, before the sounds; no text either. */
  private relatedRow(): ListItem {
    const { ui } = this.host;
    const { x, y } = ui.dp();
    return {
      size: y * RELATED_DP,
      draw: ([l, t, r, b]) => ({
        cls: LINEAR,
        id: ui.id("sheetRelated"),
        bounds: [l, t, r, b],
        children: [
          this.related.render({
            bounds: [l, t + 8, r, b - 8],
            id: ui.id("sheetRelatedList"),
            items: Array.from({ length: 6 }, (_, i) => ({
              size: x * RELATED_CELL_DP,
              draw: ([cl, ct, cr, cb]) => ({ cls: FRAME, bounds: [cl + 8, ct, cr - 8, cb], onTap: () => ui.event(`related video ${i + 1} not modelled`), children: [{ cls: IMAGE, bounds: [cl + 8, ct, cr - 8, cb] }] }),
            })),
          }),
        ],
      }),
    };
  }

  private tabSounds(): TikTokSound[] {
    const { library, ui } = this.host;
    if (this.tab === "favorites") return library.favoritesOf(ui.account());
    if (this.tab === "recent") return library.recentOf(ui.account());
    return [...library.all()];
  }

  private matches(query: string): TikTokSound[] {
    const q = query.toLowerCase();
    return this.host.library.all().filter((sound) => sound.title.toLowerCase().includes(q) || sound.author.toLowerCase().includes(q));
  }

  private openVolume(): void {
    this.volume.open();
    this.mode = "volume";
    this.host.ui.event("volume panel");
  }

  private openSearch(): void {
    const { ui } = this.host;
    this.mode = "search";
    this.searched = undefined;
    this.previewing = undefined;
    this.list.reset();
    ui.setField("sheetSearch", "");
    // The field takes focus and the keyboard shows: the first BACK only hides it.
    ui.focus("sheetSearch");
  }

  private submit(): void {
    const { ui } = this.host;
    const query = ui.fieldValue("sheetSearch").trim();
    if (query === "") return;
    this.searched = { query, at: Date.now() };
    this.list.reset();
    ui.event(`sound search "${query}"`);
    // Searching hides the keyboard.
    ui.blur();
  }
}
