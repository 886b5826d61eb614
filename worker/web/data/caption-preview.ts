import { captionTemplate, renderCaption } from "../../../shared/scripts/caption";

export interface PreviewPost {
  title: string;
  description: string;
}

/** Posts a preview shows at most: enough to see the lines taken in turn. */
const PREVIEW_POSTS = 3;

/**
 * What the first posts of a create would type on TikTok, by the agent's own rules
 * (shared/scripts/caption.ts): one line each in turn for "multiline", one spin of the
 * template for "spintax".
 */
export function previewCaptions(captions: string, format: "multiline" | "spintax"): PreviewPost[] {
  const lines = captions.split(/\r?\n/).filter((line) => line.trim() !== "").length;
  const count = format === "multiline" ? Math.min(PREVIEW_POSTS, lines) : captions.trim() === "" ? 0 : 1;
  return Array.from({ length: count }, (_, index) => renderCaption(captionTemplate(captions, format, index), "tiktok"));
}
