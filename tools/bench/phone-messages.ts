import { z } from "zod";

// The messages between the bench and its phone process (phone-process.ts) over Node's IPC
// channel, both ways, in one place. Each side parses what it receives: a message is plain
// JSON from another process, not a value the compiler has seen.

/** The bench to the phone process. */
export const phoneRequest = z.discriminatedUnion("type", [
  /** Start `count` more fake phones; each listens on 127.0.0.1, and the bench attaches them to its adb server. */
  z.object({ type: z.literal("add"), id: z.number().int(), count: z.number().int().nonnegative() }),
  /**
   * What is stored at `path` on the phone `serial`, then removed, so the next push starts
   * clean (the fake phone keeps files in memory). Its digest, not its bytes: 50 MB would
   * cross the channel as JSON.
   */
  z.object({ type: z.literal("take"), id: z.number().int(), serial: z.string(), path: z.string() }),
]);
export type PhoneRequest = z.infer<typeof phoneRequest>;

/** A file as the phone stored it: its size and SHA-256 (hex). */
const storedDigest = z.object({ size: z.number().int(), sha256: z.string() });
export type StoredDigest = z.infer<typeof storedDigest>;

/** The phone process to the bench. */
export const phoneReply = z.discriminatedUnion("type", [
  /** The process listens for requests. */
  z.object({ type: z.literal("ready") }),
  /** The answer to `add` `id`: the new phones' serials. */
  z.object({ type: z.literal("added"), id: z.number().int(), serials: z.array(z.string()) }),
  /** The answer to `take` `id`: null when nothing was stored at the path. */
  z.object({ type: z.literal("taken"), id: z.number().int(), file: storedDigest.nullable() }),
  /** A request `id` that could not be answered (an unknown serial, a phone that did not start). */
  z.object({ type: z.literal("failed"), id: z.number().int(), message: z.string() }),
]);
export type PhoneReply = z.infer<typeof phoneReply>;
