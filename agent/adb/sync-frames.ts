// The requests of adb's "sync:" service that a push sends (AOSP file_sync_protocol.h): each is
// a 4-byte id and a little-endian u32, then that many bytes for SEND and DATA.

/** adbd rejects a DATA chunk over 64 KiB (SYNC_DATA_MAX). */
export const SYNC_DATA_MAX = 64 * 1024;
const HEADER = 8;
/** One DATA request of a full block: its header, then its bytes. */
export const FRAME_BYTES = HEADER + SYNC_DATA_MAX;
/** A regular file's type bits, which SEND's mode must carry. */
const S_IFREG = 0o100000;

/** `SEND "path,mode"`: mode as adbkit sends it by default (0644 and S_IFREG, in decimal). */
export function sendRequest(remotePath: string, mode = 0o644): Buffer {
  return request("SEND", Buffer.from(`${remotePath},${mode | S_IFREG}`, "utf8"));
}

/** `DONE mtime`: the phone commits the file with this mtime (seconds) and answers OKAY or FAIL. */
export function doneRequest(mtimeSeconds: number): Buffer {
  return request("DONE", Buffer.alloc(0), mtimeSeconds);
}

/**
 * A block of `frames` DATA requests laid out back to back, headers in place, so a file read
 * straight into its data views (one readv) is sent with one socket write and no copy.
 */
export class FrameBlock {
  readonly bytes: Buffer;
  /** The data part of each frame, in order: what a readv fills. */
  readonly views: Buffer[];

  constructor(readonly frames: number) {
    // Unsafe (not zeroed) is fine: only headers written here and bytes read from the file are ever sent.
    this.bytes = Buffer.allocUnsafe(frames * FRAME_BYTES);
    this.views = [];
    for (let i = 0; i < frames; i++) {
      this.bytes.write("DATA", i * FRAME_BYTES, "ascii");
      this.views.push(this.bytes.subarray(i * FRAME_BYTES + HEADER, (i + 1) * FRAME_BYTES));
    }
  }

  /** Capacity in file bytes. */
  get dataBytes(): number {
    return this.frames * SYNC_DATA_MAX;
  }

  /**
   * The requests for the first `filled` data bytes (a readv fills the views in order): full
   * frames, then one short frame for the rest. A view of `bytes`, valid until the next fill.
   */
  framesFor(filled: number): Buffer {
    if (!Number.isInteger(filled) || filled < 0 || filled > this.dataBytes) throw new RangeError(`cannot frame ${filled} bytes in a block of ${this.dataBytes}`);
    const full = Math.floor(filled / SYNC_DATA_MAX);
    const rest = filled % SYNC_DATA_MAX;
    // Rewritten on every fill: an earlier short read may have left a smaller length here.
    for (let i = 0; i < full; i++) this.bytes.writeUInt32LE(SYNC_DATA_MAX, i * FRAME_BYTES + 4);
    if (rest === 0) return this.bytes.subarray(0, full * FRAME_BYTES);
    this.bytes.writeUInt32LE(rest, full * FRAME_BYTES + 4);
    return this.bytes.subarray(0, full * FRAME_BYTES + HEADER + rest);
  }
}

function request(id: string, data: Buffer, value = data.length): Buffer {
  const out = Buffer.alloc(HEADER + data.length);
  out.write(id, 0, "ascii");
  out.writeUInt32LE(value, 4);
  data.copy(out, HEADER);
  return out;
}
