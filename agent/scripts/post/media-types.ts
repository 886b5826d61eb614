/** The media the apps' gallery pickers offer, by extension, with the MIME type a share intent carries. */
export type MediaKind = "video" | "image";

const TYPES: Readonly<Record<string, { kind: MediaKind; mime: string }>> = {
  ".mp4": { kind: "video", mime: "video/mp4" },
  ".m4v": { kind: "video", mime: "video/mp4" },
  ".mov": { kind: "video", mime: "video/quicktime" },
  ".webm": { kind: "video", mime: "video/webm" },
  ".mkv": { kind: "video", mime: "video/x-matroska" },
  ".3gp": { kind: "video", mime: "video/3gpp" },
  ".jpg": { kind: "image", mime: "image/jpeg" },
  ".jpeg": { kind: "image", mime: "image/jpeg" },
  ".png": { kind: "image", mime: "image/png" },
  ".webp": { kind: "image", mime: "image/webp" },
  ".heic": { kind: "image", mime: "image/heic" },
  ".gif": { kind: "image", mime: "image/gif" },
};

/** Extensions (lower-case, with the dot) of each kind. */
export const EXTENSIONS: Readonly<Record<MediaKind, readonly string[]>> = {
  video: Object.keys(TYPES).filter((ext) => TYPES[ext]?.kind === "video"),
  image: Object.keys(TYPES).filter((ext) => TYPES[ext]?.kind === "image"),
};

export function mediaTypeOf(ext: string): { kind: MediaKind; mime: string } | undefined {
  return Object.hasOwn(TYPES, ext.toLowerCase()) ? TYPES[ext.toLowerCase()] : undefined;
}

/** The extension to save a download under when its URL path has none. */
export function extensionOfMime(mime: string): string | undefined {
  return Object.keys(TYPES).find((ext) => TYPES[ext]?.mime === mime);
}
