import { describe, expect, it } from "vitest";
import { FileStore } from "../system/files.js";
import { DeviceStream } from "./stream.js";
import { openSync } from "./sync.js";

// The adb server cuts sync requests wherever its WRTE payload ends; the parser must not care.
describe("the sync service", () => {
  it("stores a SEND fed one byte at a time and answers OKAY", () => {
    const files = new FileStore();
    const written: Buffer[] = [];
    const stream = new DeviceStream(1, 7, 256 * 1024, {
      sendWrite: (_local, _remote, data) => {
        written.push(data);
        queueMicrotask(() => stream.acknowledged());
      },
      sendClose: () => undefined,
      forget: () => undefined,
    });
    const sync = openSync(stream, files);
    const body = Buffer.from("exact bytes \u0000\u00ff");
    const request = Buffer.concat([
      syncRequest("SEND", Buffer.from("/sdcard/a,b.txt,33188")),
      syncRequest("DATA", body.subarray(0, 5)),
      syncRequest("DATA", body.subarray(5)),
      syncHeader("DONE", 1_700_000_000),
    ]);
    for (const byte of request) sync.onData(Buffer.from([byte]));

    expect(files.read("/sdcard/a,b.txt")).toEqual({ data: body, mode: 33188, mtime: 1_700_000_000 });
    expect(written).toEqual([syncHeader("OKAY", 0)]);
  });
});

function syncHeader(id: string, value: number): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, "ascii");
  header.writeUInt32LE(value, 4);
  return header;
}

function syncRequest(id: string, data: Buffer): Buffer {
  return Buffer.concat([syncHeader(id, data.length), data]);
}
