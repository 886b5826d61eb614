import type { FileHandle } from "node:fs/promises";
import { FrameBlock } from "./sync-frames";

// Why not adbkit's push of a path (fs.createReadStream): the stream reads ahead only 64 KiB,
// one trip to libuv's thread pool each, so a push was bound by ~800 such round trips per
// 50 MB (0.6 to 0.8 of `adb push` in bench section 6; the same framing from two reused
// 64 KiB buffers measured 0.72, so it was not the fresh buffers). adbkit also ignores the
// socket's backpressure (its Connection.write returns itself, never false). Here one readv
// fills 1 MiB of frames, headers in place, written at once while the other block is read:
// no copy, no allocation per chunk, and at most two blocks queued on the socket.

/** 16 DATA frames: 1 MiB of the file per read and per socket write. */
const FRAMES_PER_BLOCK = 16;

/**
 * Hands `frames` to the socket; settles once the socket has let go of them (net.Socket's
 * write callback: the bytes are in the kernel, or the write failed). Until then the
 * bytes are referenced, not copied, so the block must not be refilled.
 */
export type WriteFrames = (frames: Buffer) => Promise<void>;

/**
 * Sends the whole file as sync DATA frames and returns its size. Rejects, without sending
 * anything after it noticed, if the file is not what it was at the start (shorter, longer,
 * or rewritten: its size or mtime changed), so a phone never keeps a mix of two versions;
 * and stops at `signal`'s abort with its reason.
 */
export async function sendFileFrames(file: FileHandle, name: string, write: WriteFrames, signal: AbortSignal): Promise<number> {
  const before = await file.stat({ bigint: true });
  const size = Number(before.size);
  const blocks = [new FrameBlock(FRAMES_PER_BLOCK), new FrameBlock(FRAMES_PER_BLOCK)] as const;
  const writes: [Promise<void>, Promise<void>] = [Promise.resolve(), Promise.resolve()];
  let sent = 0;
  for (let turn: 0 | 1 = 0; ; turn = turn === 0 ? 1 : 0) {
    const block = blocks[turn];
    // The write of this block's previous bytes must be over before readv overwrites them.
    await unlessAborted(writes[turn], signal);
    const { bytesRead } = await file.readv(block.views, sent);
    signal.throwIfAborted();
    if (bytesRead === 0) break;
    sent += bytesRead;
    if (sent > size) throw changed(name, `grew past its ${size} bytes during the push`);
    const written = write(block.framesFor(bytesRead));
    // Awaited on this block's next turn or at the end; until then a failed write must not
    // count as an unhandled rejection (it would end the agent's process).
    written.catch(() => undefined);
    writes[turn] = written;
  }
  if (sent !== size) throw changed(name, `ended after ${sent} bytes, not the ${size} it had when the push began`);
  // Stat after the last read, while the last writes drain: the push does not wait for it twice.
  const [after] = await unlessAborted(Promise.all([file.stat({ bigint: true }), ...writes]), signal);
  if (after.size !== before.size || after.mtimeNs !== before.mtimeNs) throw changed(name, "was modified during the push");
  return sent;
}

function changed(name: string, what: string): Error {
  return new Error(`the local file ${name} ${what}; nothing was committed on the phone`);
}

/** `promise`, or the abort's reason as soon as `signal` aborts (a stalled socket write may never call back). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
