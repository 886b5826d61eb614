// Instagram builds side by side. Instagram's resource ids are readable but move between
// builds; both sets here are recorded ones (README "Facts": GA = GramAddict/bot for the
// 263 build and its era, TN = JohnThuc031097's 2022 selectors; GK = 620 dumps of December
// 2025 in YallaPapi/geelark-automation, MCP = December 2024 dumps).

export interface InstagramBuild {
  versionName: string;
  versionCode: number;
  /** Where Create lives: a bottom tab (creation_tab), or a "Create New" button on the profile's top left. */
  create: "tab" | "profile";
  ids: {
    /** The gallery's Next (GA/TN next_button_imageview with desc "Next"; GK next_button_textview). */
    galleryNext: string;
    /** The feed filter screen's Next. */
    filterNext: string;
    /** The reel editor's Next (GK clips_right_action_button, desc "Next"). */
    reelNext: string;
    multiSelect: string;
    /** Feed share screen: caption field and Share. */
    feedCaption: string;
    feedShare: string;
    /** Reel share screen: caption field and Share. */
    reelCaption: string;
    reelShare: string;
    /** The profile's post count. */
    postCount: string;
    /** A row of the account switcher; "" when rows have no id (GK 2025: ViewGroups named by their desc). */
    switcherRow: string;
  };
  /** The caption field's hint on the reel share screen. */
  captionHint: "old" | "new";
  /**
   * The share screen: 263's few fixed rows, or 2025's scrollable list with "Add AI label"
   * and its `toggle` (GK, December 2025). AI labels came in 2024: 263 has none.
   */
  shareScreen: "plain" | "list";
  /**
   * The explore search box's hint: "Search with Meta AI" in December 2025 (GK dumps), plain
   * "Search" before Meta AI (GA's era; tikmatrix-scripts.md §3.4).
   */
  searchHint: "meta" | "plain";
  /** The comment sheet's input: `layout_comment_thread_edittext` (GA, TAKT), `…_multiline` on v410 (TAKT). */
  commentInput: string;
  /** The reel viewer's bottom "Add comment…" bar (`comment_composer_text_view`, GK December 2025); 263's reels have none (GUESS). */
  reelComposer: boolean;
}

export const INSTAGRAM_263: InstagramBuild = {
  versionName: "263.2.0.19.104",
  versionCode: 416000000,
  create: "tab",
  ids: {
    galleryNext: "next_button_imageview",
    filterNext: "next_button_imageview",
    reelNext: "next_button_textview",
    multiSelect: "multi_select_slide_button",
    feedCaption: "caption_text_view",
    feedShare: "next_button_imageview",
    reelCaption: "caption_input_text_view",
    reelShare: "share_button",
    postCount: "row_profile_header_textview_post_count",
    switcherRow: "row_user_textview",
  },
  captionHint: "old",
  shareScreen: "plain",
  searchHint: "plain",
  commentInput: "layout_comment_thread_edittext",
  reelComposer: false,
};

export const INSTAGRAM_410: InstagramBuild = {
  versionName: "410.0.0.53.71",
  versionCode: 378906754,
  create: "profile",
  ids: {
    galleryNext: "next_button_textview",
    filterNext: "creation_next_button",
    reelNext: "clips_right_action_button",
    multiSelect: "multi_select_slide_button_alt",
    feedCaption: "caption_input_text_view",
    feedShare: "share_footer_button",
    reelCaption: "caption_input_text_view",
    reelShare: "share_button",
    postCount: "profile_header_familiar_post_count_value",
    switcherRow: "",
  },
  captionHint: "new",
  shareScreen: "list",
  searchHint: "meta",
  commentInput: "layout_comment_thread_edittext_multiline",
  reelComposer: true,
};

export const INSTAGRAM_BUILDS = [INSTAGRAM_263, INSTAGRAM_410] as const;
