import { seededRandom } from "../../system/random.js";

// TikTok builds side by side. TikTok's resource ids are obfuscated short names that change
// with every major version; the ones given here are those public automation scripts recorded
// from real dumps (fake-phone/README.md, "Facts": GEEL = YallaPapi/geelark-automation, TAKT =
// masterFuf/taktik-bot). An element no source named gets a name drawn from the build's seed,
// as unknowable as the real one. A build no script has seen yet ("46.2.5") has only those.

export type TikTokElement =
  | "navBar" | "navHome" | "navFriends" | "navCreate" | "navInbox" | "navProfile"
  | "feedVideo" | "feedSearch" | "uploadBadge" | "uploadFailed"
  | "cameraClose" | "cameraShutter" | "cameraUpload" | "cameraSound"
  | "galleryAlbum" | "galleryTabs" | "galleryGrid" | "galleryThumb" | "galleryDuration" | "galleryCircle"
  | "galleryMultiLabel" | "galleryMultiCheck" | "galleryNext" | "galleryClose" | "previewSelect"
  | "editorNext" | "editorSound" | "editorPreview"
  | "postBack" | "postTitle" | "postDescription" | "postCover" | "postPrivacy" | "postDrafts" | "postButton"
  | "profileName" | "profileUsername" | "profileMenu" | "profileGrid" | "profileCell" | "profileCover" | "profileViews"
  | "switcherRow" | "switcherAdd" | "detailDescription" | "detailBack"
  // The sound pill of the camera and the editor, and its remove button (GEEL-TT v43 dumps).
  | "soundPill" | "soundPillFrame" | "soundPillIcon" | "soundPillText" | "soundRemove" | "soundRemoveDivider" | "soundRemoveIcon"
  // The sounds sheet and its Volume panel.
  | "sheetVolume" | "sheetTab" | "sheetSearchIcon" | "sheetList" | "sheetRow" | "sheetCover" | "sheetSearchField" | "sheetSearchButton"
  | "sheetRelated" | "sheetRelatedList" | "sheetProgress" | "volumeOriginal" | "volumeAdded" | "volumeDone" | "volumeLabel"
  // The feed's search (TAKT) and a sound's page.
  | "searchBack" | "searchField" | "searchButton" | "searchClear" | "searchTab" | "searchResults" | "searchSoundRow" | "searchProgress"
  | "soundBack" | "soundTitle" | "soundAuthor" | "soundCount" | "soundFavorite" | "soundUse" | "soundProgress" | "soundGrid"
  // The post screen's rows (GEEL-TT v43), More options, Add link and the showcase.
  | "postRow" | "postRowLabel" | "postRowIcon" | "postRowSubtitle" | "postLocationInfo" | "postChips" | "postChip" | "postShareTo" | "postShareGroup"
  | "optionsBack" | "optionsList" | "optionsTitle" | "optionsSubtitle" | "optionsSwitch"
  | "linkRow" | "showcaseBack" | "showcaseList" | "showcaseName" | "showcaseAdd" | "productNameBack" | "productNameField" | "productNameCount" | "productNameConfirm"
  // Another user's profile (TKT43, TAKT), its unfollow sheet.
  | "userBack" | "userNotifications" | "userShare" | "userName" | "userCount" | "userCountValue" | "userCountLabel" | "userFollow" | "userFollowing"
  | "userMessage" | "userVideosTab" | "userGrid" | "userCell" | "userEmpty" | "userNotice" | "unfollowRow"
  // The video page and the feed's video (GK v43 dumps, TKT43).
  | "videoPager" | "videoSurface" | "videoBack" | "videoAvatar" | "videoFollow" | "videoLike" | "videoLikeIcon" | "videoLikeCount"
  | "videoComments" | "videoCommentCount" | "videoFavorites" | "videoFavoriteCount" | "videoShare" | "videoShareCount" | "videoSound"
  | "videoAuthor" | "videoCaption" | "videoMessageBar" | "videoSponsored" | "videoLearnMore" | "videoLive" | "videoUnavailable"
  // The comment sheet (GK 2025-12-26 160007), its real field once tapped (RS) and the image picker.
  | "commentHeader" | "commentSort" | "commentClose" | "commentList" | "commentRow" | "commentAuthor" | "commentText" | "commentAge"
  | "commentReply" | "commentLikeButton" | "commentLike" | "commentImageShown" | "commentBar" | "commentInput" | "commentImage" | "commentImageIcon"
  | "commentStickers" | "commentMention" | "commentField" | "commentSend" | "commentAttached" | "commentAttachedRemove"
  | "pickerClose" | "pickerTitle" | "pickerGrid" | "pickerCell"
  // The search's Users and Videos tabs (TAKT followers.py).
  | "searchUserList" | "searchUserRow" | "searchUserBody" | "searchUserName" | "searchUserFullName" | "searchUserFollowers" | "searchUserFollow"
  | "searchVideoCell" | "searchVideoCaption" | "searchVideoAuthor";

export interface TikTokBuild {
  versionName: string;
  versionCode: number;
  /** The camera's gallery entry: right of the shutter (to 2025), or in the bottom-left corner (v43+, TAKT). */
  uploadEntry: "right" | "bottom-left";
  /** The editor's Next: top right (v35, GEEL) or bottom right (v43+, GEEL `ntq`). */
  editorNext: "top" | "bottom";
  /** A title field above the description: photo posts only (v35), every post (v43, GEEL `g1c`). */
  titleField: "photos" | "always";
  /** Which description hint the build shows (strings.ts). */
  descriptionHint: "old" | "new";
  /**
   * The post screen: 35's plain rows, or v43's where each row is a clickable `d0z` with its
   * label in `w4m`, "Add link" and "More options" among them (GEEL-TT, 2025-12-26).
   */
  postScreen: "plain" | "rows";
  ids: Record<TikTokElement, string>;
}

const KNOWN_35: Partial<Record<TikTokElement, string>> = {
  navCreate: "lxd", navHome: "lxg", navFriends: "lxf", navInbox: "lxh", navProfile: "lxi", feedSearch: "ia6",
  cameraShutter: "q76", cameraClose: "j0z", cameraUpload: "c_u", cameraSound: "d24",
  galleryAlbum: "x4d", galleryDuration: "faj", galleryCircle: "gvi", galleryMultiLabel: "mlr", galleryNext: "tvr", galleryClose: "b6x",
  postDescription: "fpj", postButton: "pvz", postDrafts: "f6a", postCover: "d1k", uploadBadge: "hs0",
  // AICC (2025) reads the profile's covers as `:id/cover` and a post's caption as `:id/desc`.
  profileCover: "cover", detailDescription: "desc", videoCaption: "desc",
  // The camera's "Add sound": `d24` with desc "Add sound", its text in `x51` (GEEL v35).
  soundPillText: "x51",
};

const KNOWN_43: Partial<Record<TikTokElement, string>> = {
  navBar: "mky", navCreate: "mkn", navHome: "mkq", navFriends: "mkp", navInbox: "mkr", navProfile: "mks", feedSearch: "irz",
  cameraShutter: "r3r", cameraClose: "jix", cameraUpload: "ymg", cameraSound: "d8a",
  galleryAlbum: "x4d", galleryGrid: "i8o", galleryThumb: "mub", galleryNext: "uyb", galleryCircle: "gvi",
  editorNext: "ntq", postTitle: "g1c", postDescription: "g19", postButton: "qrb", postDrafts: "fex", postCover: "ji6", uploadBadge: "x44",
  profileName: "qf8", profileUsername: "qh5", profileGrid: "gxd", profileCell: "e52", profileCover: "cover", profileViews: "xxy",
  // GEEL-TT 2025-12-26: the sound pill `d87` > `d8c` > `d8a` > `d88` + `ycm`, its X `d81` > `d86` + `d82`.
  soundPill: "d8c", soundPillFrame: "d87", soundPillIcon: "d88", soundPillText: "ycm", soundRemove: "d81", soundRemoveDivider: "d86", soundRemoveIcon: "d82",
  // TAKT search.py (dumps of 2026-01-11): field, Back, Search button, clear.
  searchField: "giv", searchBack: "b9c", searchButton: "y61", searchClear: "c87",
  // GEEL-TT 2025-12-26: the post screen's rows, their labels, icons and subtitle; location chips; "Share to".
  postRow: "d0z", postRowLabel: "w4m", postRowIcon: "j2c", postRowSubtitle: "uv6", postLocationInfo: "jp4", postChips: "r3m", postChip: "voh",
  postShareTo: "tbp", postShareGroup: "qzu",
  // Another user's profile: TKT43 (43.1.4, 2026-09): @handle `qh5`, counters `qfw`/`qfv`, Follow `eme`;
  // TAKT: the empty grid's "No videos yet" in `w4m`.
  userCountValue: "qfw", userCountLabel: "qfv", userFollow: "eme", userEmpty: "w4m",
  // GK v43 dumps (2025-12-26): the video's right rail, author and caption; like and share share `f57`.
  videoSurface: "long_press_layout", videoAvatar: "yx4", videoFollow: "hi1", videoLike: "f57", videoLikeIcon: "f4u", videoLikeCount: "f4z",
  videoComments: "dtv", videoCommentCount: "dp6", videoFavorites: "guh", videoFavoriteCount: "gtv", videoShare: "f57", videoShareCount: "t_2",
  videoSound: "nhe", videoAuthor: "title", videoCaption: "desc",
  // TKT43: the video page opened by link has an EditText `qwx` "Message..." at the bottom.
  videoMessageBar: "qwx",
  // GK 160007: the comment sheet.
  commentHeader: "tmr", commentSort: "dse", commentClose: "b9b", commentAuthor: "title", commentText: "e7j", commentAge: "dt1", commentReply: "drx",
  commentLikeButton: "ijb", commentLike: "kwi", commentInput: "dpl", commentImage: "jfd", commentImageIcon: "kkd", commentStickers: "kfe", commentMention: "k9m",
  // TAKT followers.py (dump 2026-01-11 135605): user rows in `lnp`, `sh2` inside, name `ye2`, bio `x8i`, followers `xf0`, button `rdh`.
  searchUserList: "lnp", searchUserBody: "sh2", searchUserName: "ye2", searchUserFollowers: "xf0", searchUserFollow: "rdh",
};

const ELEMENTS: readonly TikTokElement[] = [
  "navBar", "navHome", "navFriends", "navCreate", "navInbox", "navProfile", "feedVideo", "feedSearch", "uploadBadge", "uploadFailed",
  "cameraClose", "cameraShutter", "cameraUpload", "cameraSound", "galleryAlbum", "galleryTabs", "galleryGrid", "galleryThumb",
  "galleryDuration", "galleryCircle", "galleryMultiLabel", "galleryMultiCheck", "galleryNext", "galleryClose", "previewSelect",
  "editorNext", "editorSound", "editorPreview", "postBack", "postTitle", "postDescription", "postCover", "postPrivacy", "postDrafts",
  "postButton", "profileName", "profileUsername", "profileMenu", "profileGrid", "profileCell", "profileCover", "profileViews",
  "switcherRow", "switcherAdd", "detailDescription", "detailBack",
  // Appended, never inserted: an element's place in this list fixes the seeded ids of all after it.
  "soundPill", "soundPillFrame", "soundPillIcon", "soundPillText", "soundRemove", "soundRemoveDivider", "soundRemoveIcon",
  "sheetVolume", "sheetTab", "sheetSearchIcon", "sheetList", "sheetRow", "sheetCover", "sheetSearchField", "sheetSearchButton",
  "sheetRelated", "sheetRelatedList", "sheetProgress", "volumeOriginal", "volumeAdded", "volumeDone", "volumeLabel",
  "searchBack", "searchField", "searchButton", "searchClear", "searchTab", "searchResults", "searchSoundRow", "searchProgress",
  "soundBack", "soundTitle", "soundAuthor", "soundCount", "soundFavorite", "soundUse", "soundProgress", "soundGrid",
  "postRow", "postRowLabel", "postRowIcon", "postRowSubtitle", "postLocationInfo", "postChips", "postChip", "postShareTo", "postShareGroup",
  "optionsBack", "optionsList", "optionsTitle", "optionsSubtitle", "optionsSwitch",
  "linkRow", "showcaseBack", "showcaseList", "showcaseName", "showcaseAdd", "productNameBack", "productNameField", "productNameCount", "productNameConfirm",
  "userBack", "userNotifications", "userShare", "userName", "userCount", "userCountValue", "userCountLabel", "userFollow", "userFollowing",
  "userMessage", "userVideosTab", "userGrid", "userCell", "userEmpty", "userNotice", "unfollowRow",
  "videoPager", "videoSurface", "videoBack", "videoAvatar", "videoFollow", "videoLike", "videoLikeIcon", "videoLikeCount",
  "videoComments", "videoCommentCount", "videoFavorites", "videoFavoriteCount", "videoShare", "videoShareCount", "videoSound",
  "videoAuthor", "videoCaption", "videoMessageBar", "videoSponsored", "videoLearnMore", "videoLive", "videoUnavailable",
  "commentHeader", "commentSort", "commentClose", "commentList", "commentRow", "commentAuthor", "commentText", "commentAge",
  "commentReply", "commentLikeButton", "commentLike", "commentImageShown", "commentBar", "commentInput", "commentImage", "commentImageIcon",
  "commentStickers", "commentMention", "commentField", "commentSend", "commentAttached", "commentAttachedRemove",
  "pickerClose", "pickerTitle", "pickerGrid", "pickerCell",
  "searchUserList", "searchUserRow", "searchUserBody", "searchUserName", "searchUserFullName", "searchUserFollowers", "searchUserFollow",
  "searchVideoCell", "searchVideoCaption", "searchVideoAuthor",
];

/** Every element's id for a build: the recorded ones, the rest 3 random characters as TikTok's are. */
function idsFor(seed: number, known: Partial<Record<TikTokElement, string>>): Record<TikTokElement, string> {
  const random = seededRandom(seed);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
  const taken = new Set(Object.values(known));
  const ids = {} as Record<TikTokElement, string>;
  for (const element of ELEMENTS) {
    let id = known[element];
    while (id === undefined || (known[element] === undefined && taken.has(id))) {
      id = Array.from({ length: 3 }, (_, i) => alphabet[Math.floor(random() * (i === 0 ? 26 : alphabet.length))]).join("");
    }
    taken.add(id);
    ids[element] = id;
  }
  return ids;
}

export const TIKTOK_35: TikTokBuild = {
  versionName: "35.3.3",
  versionCode: 2023503030,
  uploadEntry: "right",
  editorNext: "top",
  titleField: "photos",
  descriptionHint: "old",
  postScreen: "plain",
  ids: idsFor(35, KNOWN_35),
};

export const TIKTOK_43: TikTokBuild = {
  versionName: "43.1.4",
  versionCode: 2024301040,
  uploadEntry: "bottom-left",
  editorNext: "bottom",
  titleField: "always",
  descriptionHint: "new",
  postScreen: "rows",
  ids: idsFor(43, KNOWN_43),
};

/** A build newer than any script has recorded: nothing but texts, descriptions and layout to go by. */
export const TIKTOK_46: TikTokBuild = {
  versionName: "46.2.5",
  versionCode: 2024602050,
  uploadEntry: "bottom-left",
  editorNext: "bottom",
  titleField: "always",
  descriptionHint: "new",
  postScreen: "rows",
  // `:id/cover` is still readable in 2026 (TAKT): library resources keep their names.
  ids: idsFor(46, { profileCover: "cover" }),
};

export const TIKTOK_BUILDS = [TIKTOK_35, TIKTOK_43, TIKTOK_46] as const;
