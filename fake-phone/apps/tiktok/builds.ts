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
  | "switcherRow" | "switcherAdd" | "detailDescription" | "detailBack";

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
  ids: Record<TikTokElement, string>;
}

const KNOWN_35: Partial<Record<TikTokElement, string>> = {
  navCreate: "lxd", navHome: "lxg", navFriends: "lxf", navInbox: "lxh", navProfile: "lxi", feedSearch: "ia6",
  cameraShutter: "q76", cameraClose: "j0z", cameraUpload: "c_u", cameraSound: "d24",
  galleryAlbum: "x4d", galleryDuration: "faj", galleryCircle: "gvi", galleryMultiLabel: "mlr", galleryNext: "tvr", galleryClose: "b6x",
  postDescription: "fpj", postButton: "pvz", postDrafts: "f6a", postCover: "d1k", uploadBadge: "hs0",
  // AICC (2025) reads the profile's covers as `:id/cover` and a post's caption as `:id/desc`.
  profileCover: "cover", detailDescription: "desc",
};

const KNOWN_43: Partial<Record<TikTokElement, string>> = {
  navBar: "mky", navCreate: "mkn", navHome: "mkq", navFriends: "mkp", navInbox: "mkr", navProfile: "mks", feedSearch: "irz",
  cameraShutter: "r3r", cameraClose: "jix", cameraUpload: "ymg", cameraSound: "d8a",
  galleryAlbum: "x4d", galleryGrid: "i8o", galleryThumb: "mub", galleryNext: "uyb", galleryCircle: "gvi",
  editorNext: "ntq", postTitle: "g1c", postDescription: "g19", postButton: "qrb", postDrafts: "fex", postCover: "ji6", uploadBadge: "x44",
  profileName: "qf8", profileUsername: "qh5", profileGrid: "gxd", profileCell: "e52", profileCover: "cover", profileViews: "xxy",
};

const ELEMENTS: readonly TikTokElement[] = [
  "navBar", "navHome", "navFriends", "navCreate", "navInbox", "navProfile", "feedVideo", "feedSearch", "uploadBadge", "uploadFailed",
  "cameraClose", "cameraShutter", "cameraUpload", "cameraSound", "galleryAlbum", "galleryTabs", "galleryGrid", "galleryThumb",
  "galleryDuration", "galleryCircle", "galleryMultiLabel", "galleryMultiCheck", "galleryNext", "galleryClose", "previewSelect",
  "editorNext", "editorSound", "editorPreview", "postBack", "postTitle", "postDescription", "postCover", "postPrivacy", "postDrafts",
  "postButton", "profileName", "profileUsername", "profileMenu", "profileGrid", "profileCell", "profileCover", "profileViews",
  "switcherRow", "switcherAdd", "detailDescription", "detailBack",
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
  ids: idsFor(35, KNOWN_35),
};

export const TIKTOK_43: TikTokBuild = {
  versionName: "43.1.4",
  versionCode: 2024301040,
  uploadEntry: "bottom-left",
  editorNext: "bottom",
  titleField: "always",
  descriptionHint: "new",
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
  // `:id/cover` is still readable in 2026 (TAKT): library resources keep their names.
  ids: idsFor(46, { profileCover: "cover" }),
};

export const TIKTOK_BUILDS = [TIKTOK_35, TIKTOK_43, TIKTOK_46] as const;
