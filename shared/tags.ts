/**
 * Tags, as accounts and library materials carry them and `materials_tags` filters by them:
 * one rule for all three, so a tag written in one place matches the same tag in another.
 */
export const TAG_MAX_LENGTH = 64;
export const MAX_TAGS = 50;

/**
 * A comma-separated list of tags as people type it: `,` or the full-width `，` of Chinese
 * keyboards, each tag trimmed, empty ones dropped. Repeats stay for the caller's schema.
 */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}
