import { appendFile, type FileHandle, mkdtemp, open, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFileFrames, type WriteFrames } from "./file-sender";
import { SYNC_DATA_MAX } from "./sync-frames";

const MiB = 2 ** 20;
/** More than the sender's two 1 MiB blocks, and not a whole number of 64 KiB frames. */
const SIZE = 3 * MiB + 5 * 1024 + 3;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-file-sender-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Each byte distinct from its neighbours' positions: a frame sent twice, dropped or reordered shows. */
function pattern(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) out.writeUInt32LE(i, i);
  for (let i = size - (size % 4); i < size; i++) out[i] = i & 0xff;
  return out;
}

async function fileOf(name: string, content: Buffer): Promise<{ path: string; file: FileHandle }> {
  const path = join(dir, name);
  await writeFile(path, content);
  // An old mtime, so a rewrite within the same clock tick still changes it.
  await utimes(path, 1_000_000, 1_000_000);
  return { path, file: await open(path, "r") };
}

/**
 * Like net.Socket: keeps a reference to the bytes and copies them only when the write
 * completes, a while later; a sender that refilled a block early would corrupt what arrives.
 */
function lazySocket(onWrite: (count: number) => Promise<void> | void = () => undefined) {
  const received: Buffer[] = [];
  let outstanding = 0;
  let mostOutstanding = 0;
  let writes = 0;
  const write: WriteFrames = async (frames) => {
    outstanding++;
    mostOutstanding = Math.max(mostOutstanding, outstanding);
    writes++;
    await onWrite(writes);
    await sleep(5);
    received.push(Buffer.from(frames));
    outstanding--;
  };
  return { write, received, mostOutstanding: () => mostOutstanding, writes: () => writes };
}

/** The DATA frames' bytes, each frame checked for adbd's 64 KiB limit. */
function payloadOf(stream: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < stream.length; ) {
    expect(stream.toString("ascii", at, at + 4)).toBe("DATA");
    const length = stream.readUInt32LE(at + 4);
    expect(length).toBeGreaterThan(0);
    expect(length).toBeLessThanOrEqual(SYNC_DATA_MAX);
    parts.push(stream.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return Buffer.concat(parts);
}

describe("sendFileFrames", () => {
  it("sends a file larger than its two buffers byte for byte in DATA frames of at most 64 KiB", async () => {
    const content = pattern(SIZE);
    const { file } = await fileOf("whole.bin", content);
    const socket = lazySocket();
    try {
      expect(await sendFileFrames(file, "whole.bin", socket.write, new AbortController().signal)).toBe(SIZE);
    } finally {
      await file.close();
    }
    expect(payloadOf(Buffer.concat(socket.received)).equals(content)).toBe(true);
    // Two buffers: one being written while the other is read, never more in flight.
    expect(socket.mostOutstanding()).toBe(2);
  });

  it("sends an empty file as no frames at all", async () => {
    const { file } = await fileOf("empty.bin", Buffer.alloc(0));
    const socket = lazySocket();
    try {
      expect(await sendFileFrames(file, "empty.bin", socket.write, new AbortController().signal)).toBe(0);
    } finally {
      await file.close();
    }
    expect(socket.writes()).toBe(0);
  });

  it("fails, naming the file, when it is truncated during the push", async () => {
    const { path, file } = await fileOf("truncated.bin", pattern(SIZE));
    const socket = lazySocket(async (count) => {
      if (count === 1) await truncate(path, MiB + 100);
    });
    try {
      // Read and truncated at once, the end is seen after 1 or 2 MiB: either way not the size it had.
      await expect(sendFileFrames(file, path, socket.write, new AbortController().signal)).rejects.toThrow(
        new RegExp(`^the local file ${path} ended after \\d+ bytes, not the ${SIZE} it had when the push began`),
      );
    } finally {
      await file.close();
    }
  });

  it("fails when the file grows during the push, before sending the bytes past its size", async () => {
    const { path, file } = await fileOf("grown.bin", pattern(SIZE));
    const socket = lazySocket(async (count) => {
      if (count === 1) await appendFile(path, Buffer.alloc(2 * MiB, 7));
    });
    try {
      await expect(sendFileFrames(file, path, socket.write, new AbortController().signal)).rejects.toThrow(`grew past its ${SIZE} bytes`);
    } finally {
      await file.close();
    }
    expect(payloadOf(Buffer.concat(socket.received)).length).toBeLessThanOrEqual(SIZE);
  });

  it("fails when the file is rewritten in place during the push, its size unchanged", async () => {
    const { path, file } = await fileOf("rewritten.bin", pattern(SIZE));
    const socket = lazySocket(async (count) => {
      if (count !== 1) return;
      // In place, as an editor saving over it would (no truncation on the way).
      const writer = await open(path, "r+");
      await writer.write(Buffer.alloc(SIZE, 1), 0, SIZE, 0);
      await writer.close();
    });
    try {
      await expect(sendFileFrames(file, path, socket.write, new AbortController().signal)).rejects.toThrow("was modified during the push");
    } finally {
      await file.close();
    }
  });

  it("stops writing as soon as it is aborted", async () => {
    const { file } = await fileOf("aborted.bin", pattern(SIZE));
    const abort = new AbortController();
    const socket = lazySocket((count) => {
      if (count === 1) abort.abort(new Error("cancelled"));
    });
    try {
      await expect(sendFileFrames(file, "aborted.bin", socket.write, abort.signal)).rejects.toThrow("cancelled");
    } finally {
      await file.close();
    }
    expect(socket.writes()).toBe(1);
  });

  it("gives up on a socket that never finishes a write once aborted", async () => {
    const { file } = await fileOf("stalled.bin", pattern(SIZE));
    const abort = new AbortController();
    const stalled: WriteFrames = () => new Promise<void>(() => undefined);
    setTimeout(() => abort.abort(new Error("deadline")), 50);
    try {
      await expect(sendFileFrames(file, "stalled.bin", stalled, abort.signal)).rejects.toThrow("deadline");
    } finally {
      await file.close();
    }
  });

  it("rejects with the socket's error when a write fails", async () => {
    const { file } = await fileOf("broken.bin", pattern(SIZE));
    const broken: WriteFrames = () => Promise.reject(new Error("EPIPE"));
    try {
      await expect(sendFileFrames(file, "broken.bin", broken, new AbortController().signal)).rejects.toThrow("EPIPE");
    } finally {
      await file.close();
    }
  });
});
