import { ByteQueue } from "./byte-queue.js";
import { type FileStore, type PathInfo, S_IFDIR } from "../system/files.js";
import type { DeviceStream } from "./stream.js";
import type { ServiceHandler } from "./transport.js";

// The "sync:" service (AOSP adb file_sync_protocol.h). Its requests are a byte stream that
// does not follow WRTE boundaries: a DATA header can end one WRTE and its bytes start the
// next, so it is parsed incrementally from a queue.

const SYNC_DATA_MAX = 64 * 1024;
const ENOENT = 2;

type State = { kind: "request" } | { kind: "receiving"; path: string; mode: number; chunks: Buffer[] } | { kind: "done" };

export function openSync(stream: DeviceStream, files: FileStore): ServiceHandler {
  const queue = new ByteQueue();
  let state: State = { kind: "request" };

  const reply = (id: string, value: number, data: Buffer = Buffer.alloc(0)): void => {
    const header = Buffer.alloc(8);
    header.write(id, 0, "ascii");
    header.writeUInt32LE(value, 4);
    stream.write(data.length === 0 ? header : Buffer.concat([header, data]));
  };
  const fail = (message: string): void => {
    const text = Buffer.from(message, "utf8");
    reply("FAIL", text.length, text);
    state = { kind: "done" };
    stream.end();
  };

  // Returns false when more bytes are needed.
  const step = (): boolean => {
    if (state.kind === "done") return false;
    const header = queue.peek(8);
    if (header === undefined) return false;
    const id = header.toString("ascii", 0, 4);
    const length = header.readUInt32LE(4);

    if (state.kind === "receiving") {
      if (id === "DATA") {
        if (length > SYNC_DATA_MAX) {
          fail(`sync DATA of ${length} bytes exceeds ${SYNC_DATA_MAX}`);
          return false;
        }
        if (queue.length < 8 + length) return false;
        queue.take(8);
        const data = queue.take(length);
        if (data !== undefined) state.chunks.push(data);
        return true;
      }
      if (id === "DONE") {
        queue.take(8);
        files.write(state.path, Buffer.concat(state.chunks), state.mode, length);
        state = { kind: "request" };
        reply("OKAY", 0);
        return true;
      }
      fail(`unexpected sync ${JSON.stringify(id)} during SEND`);
      return false;
    }

    if (id === "QUIT") {
      queue.take(8);
      state = { kind: "done" };
      stream.end();
      return false;
    }
    // Every other request carries a path of `length` bytes.
    if (length > 4096) {
      fail("path too long");
      return false;
    }
    if (queue.length < 8 + length) return false;
    queue.take(8);
    const argument = (queue.take(length) ?? Buffer.alloc(0)).toString("utf8");
    handleRequest(id, argument);
    return true;
  };

  const handleRequest = (id: string, argument: string): void => {
    switch (id) {
      case "SEND": {
        // "path,mode": the mode after the last comma, since a path may contain commas.
        const comma = argument.lastIndexOf(",");
        const path = comma < 0 ? argument : argument.slice(0, comma);
        const mode = comma < 0 ? 0o644 : Number.parseInt(argument.slice(comma + 1), 10);
        state = { kind: "receiving", path, mode: Number.isNaN(mode) ? 0o644 : mode, chunks: [] };
        return;
      }
      case "STAT":
        stream.write(statV1(files.info(argument)));
        return;
      case "STA2":
      case "LST2":
        stream.write(statV2(id, files.info(argument)));
        return;
      case "LIST":
        for (const { name, file } of files.list(argument)) stream.write(dent(file.mode, file.data.length, file.mtime, name));
        stream.write(dent(0, 0, 0, "", "DONE"));
        return;
      case "RECV": {
        const info = files.info(argument);
        if (info.kind !== "file") {
          fail("No such file or directory");
          return;
        }
        const { data } = info.file;
        for (let offset = 0; offset < data.length; offset += SYNC_DATA_MAX) {
          const chunk = data.subarray(offset, offset + SYNC_DATA_MAX);
          reply("DATA", chunk.length, chunk);
        }
        reply("DONE", 0);
        return;
      }
      default:
        fail(`unknown sync request ${JSON.stringify(id)}`);
    }
  };

  return {
    onData(data) {
      queue.push(data);
      while (step()) {
        // each step consumes one whole request or DATA chunk
      }
    },
  };
}

function statV1(info: PathInfo): Buffer {
  const out = Buffer.alloc(16);
  out.write("STAT", 0, "ascii");
  // A missing path is all zeros in the v1 reply: that is how adb itself reports it.
  if (info.kind === "file") {
    out.writeUInt32LE(info.file.mode, 4);
    out.writeUInt32LE(info.file.data.length, 8);
    out.writeUInt32LE(info.file.mtime, 12);
  } else if (info.kind === "dir") {
    out.writeUInt32LE(S_IFDIR | 0o771, 4);
  }
  return out;
}

// struct sync_stat_v2: id, error, dev u64, ino u64, mode, nlink, uid, gid, size u64, atime, mtime, ctime (i64).
function statV2(id: string, info: PathInfo): Buffer {
  const out = Buffer.alloc(72);
  out.write(id, 0, "ascii");
  if (info.kind === "missing") {
    out.writeUInt32LE(ENOENT, 4);
    return out;
  }
  const mode = info.kind === "file" ? info.file.mode : S_IFDIR | 0o771;
  const size = info.kind === "file" ? info.file.data.length : 0;
  const mtime = info.kind === "file" ? info.file.mtime : 0;
  out.writeUInt32LE(mode, 24);
  out.writeUInt32LE(1, 28);
  out.writeBigUInt64LE(BigInt(size), 40);
  out.writeBigInt64LE(BigInt(mtime), 48);
  out.writeBigInt64LE(BigInt(mtime), 56);
  out.writeBigInt64LE(BigInt(mtime), 64);
  return out;
}

function dent(mode: number, size: number, mtime: number, name: string, id = "DENT"): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const out = Buffer.alloc(20 + nameBytes.length);
  out.write(id, 0, "ascii");
  out.writeUInt32LE(mode, 4);
  out.writeUInt32LE(size, 8);
  out.writeUInt32LE(mtime, 12);
  out.writeUInt32LE(nameBytes.length, 16);
  nameBytes.copy(out, 20);
  return out;
}
