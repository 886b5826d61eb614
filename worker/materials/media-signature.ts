import type { MediaType } from "../db/schema";

/** The types the library takes, each known by its first bytes (never by a name or a header). */
export const LIBRARY_TYPES = {
  "video/mp4": { mediaType: "video", extension: ".mp4" },
  "image/jpeg": { mediaType: "image", extension: ".jpg" },
  "image/png": { mediaType: "image", extension: ".png" },
  "image/webp": { mediaType: "image", extension: ".webp" },
} as const satisfies Record<string, { mediaType: MediaType; extension: string }>;

export type LibraryType = keyof typeof LIBRARY_TYPES;

/** Bytes enough for every signature below. */
export const SIGNATURE_BYTES = 12;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * What the bytes are, from their signature: an ISO media file (`ftyp` box at offset 4: MP4
 * and the MOV/3GP family apps also read as MP4), JPEG (FF D8 FF), PNG (its 8-byte magic),
 * WebP (`RIFF` … `WEBP`). Undefined for anything else, including too few bytes.
 */
export function sniffType(head: Uint8Array): LibraryType | undefined {
  if (head.length < SIGNATURE_BYTES) return undefined;
  if (ascii(head, 4, 8) === "ftyp") return "video/mp4";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => head[i] === byte)) return "image/png";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "image/webp";
  return undefined;
}

export function isLibraryType(value: string): value is LibraryType {
  return Object.hasOwn(LIBRARY_TYPES, value);
}
