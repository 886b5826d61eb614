import { type JsonBounds, type JsonParsed, parseBoundedJson } from "../json/bounded-json";

/**
 * What one protocol frame may build once parsed, on either side of the socket. The largest
 * frames are a run (a script config: up to 100 materials, captions) and a log line of
 * 4,000 characters; these bounds leave room for both and refuse what no peer of ours sends.
 */
export const FRAME_BOUNDS: JsonBounds = { maxDepth: 16, maxItems: 5_000, maxStringLength: 100_000 };

/** A frame's text parsed within FRAME_BOUNDS, its strings well-formed (messages name `message.<field>`). */
export function parseFrameJson(text: string): JsonParsed {
  return parseBoundedJson(text, FRAME_BOUNDS, { what: "frame", root: "message" });
}
