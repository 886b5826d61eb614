import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type PhoneShell, poll, startHarness } from "../testing/test-harness.js";

const SCAN = "am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d";
const VIDEOS = "content query --uri content://media/external/video/media";
const IMAGES = "content query --uri content://media/external/images/media";

let harness: Harness;
let phone: PhoneShell;

beforeAll(async () => {
  harness = await startHarness();
  phone = await harness.phone({ scanDelayMs: 200 });
});

afterAll(async () => {
  await harness.stop();
});

describe("the media store", () => {
  it("indexes a scanned video only after the scan delay", async () => {
    await phone.push(randomBytes(1000), "/sdcard/DCIM/Camera/late.mp4");
    const started = Date.now();
    const broadcast = await phone.ok(`${SCAN} file:///sdcard/DCIM/Camera/late.mp4`);
    expect(broadcast).toBe(
      "Broadcasting: Intent { act=android.intent.action.MEDIA_SCANNER_SCAN_FILE dat=file:///sdcard/DCIM/Camera/late.mp4 flg=0x400000 }\nBroadcast completed: result=0\n",
    );
    const where = `--projection _id --where "_data='/storage/emulated/0/DCIM/Camera/late.mp4'"`;
    expect(await phone.ok(`${VIDEOS} ${where}`)).toBe("No result found.\n");
    const row = await poll(async () => {
      const out = await phone.ok(`${VIDEOS} ${where}`);
      return out.startsWith("Row:") ? out : undefined;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(row).toMatch(/^Row: 0 _id=\d+\n$/);
  });

  it("reports rows under /storage/emulated/0 and puts photos in the images table", async () => {
    await phone.push(Buffer.from("jpeg"), "/sdcard/DCIM/Camera/shot.jpg");
    const id = await phone.index("/storage/emulated/0/DCIM/Camera/shot.jpg", "images");
    const rows = await phone.ok(`${IMAGES} --projection _id:_data`);
    expect(rows).toContain(`_id=${id}, _data=/storage/emulated/0/DCIM/Camera/shot.jpg\n`);
    expect(await phone.ok(`${VIDEOS} --projection _id --where "_data='/storage/emulated/0/DCIM/Camera/shot.jpg'"`)).toBe("No result found.\n");
  });

  it("numbers every row of a query without a where clause", async () => {
    await phone.push(Buffer.from("a"), "/sdcard/DCIM/Camera/a.mp4");
    await phone.push(Buffer.from("b"), "/sdcard/DCIM/Camera/b.webm");
    await phone.index("/sdcard/DCIM/Camera/a.mp4", "video");
    await phone.index("/sdcard/DCIM/Camera/b.webm", "video");
    const lines = (await phone.ok(`${VIDEOS} --projection _id:_data`)).trimEnd().split("\n");
    expect(lines.map((line) => line.slice(0, 7))).toEqual(lines.map((_, i) => `Row: ${i} `));
    expect(lines.some((line) => line.endsWith("/DCIM/Camera/b.webm"))).toBe(true);
  });

  it("drops a row when a rescan finds the file deleted", async () => {
    await phone.push(Buffer.from("gone soon"), "/sdcard/DCIM/Camera/temp.mp4");
    await phone.index("/sdcard/DCIM/Camera/temp.mp4", "video");
    const where = `--projection _id --where "_data='/storage/emulated/0/DCIM/Camera/temp.mp4'"`;
    await phone.ok("rm -f /sdcard/DCIM/Camera/temp.mp4");
    // Until the rescan the gallery still lists the dead file, as on a real phone.
    expect(await phone.ok(`${VIDEOS} ${where}`)).toMatch(/^Row: 0 /);
    await phone.ok(`${SCAN} file:///sdcard/DCIM/Camera/temp.mp4`);
    await poll(async () => ((await phone.ok(`${VIDEOS} ${where}`)) === "No result found.\n" ? true : undefined));
  });

  it("ignores a scan request whose data is not a file uri", async () => {
    await phone.push(Buffer.from("x"), "/sdcard/DCIM/Camera/bare.mp4");
    await phone.ok(`${SCAN} /sdcard/DCIM/Camera/bare.mp4`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phone.ok(`${VIDEOS} --projection _id --where "_data='/storage/emulated/0/DCIM/Camera/bare.mp4'"`)).toBe("No result found.\n");
  });

  it("opens a content uri to the file's bytes as they are now", async () => {
    const bytes = randomBytes(64 * 1024 + 3);
    await phone.push(bytes, "/sdcard/DCIM/Camera/read.mp4");
    const id = await phone.index("/sdcard/DCIM/Camera/read.mp4", "video");
    expect(phone.phone.media.open(`content://media/external/video/media/${id}`)?.data.equals(bytes)).toBe(true);
    expect(phone.phone.media.open(`content://media/external/images/media/${id}`)).toBeUndefined();
  });

  it("fails a query naming a column the provider does not have", async () => {
    const result = await phone.run(`${VIDEOS} --projection _id:nope`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("Invalid column nope");
  });
});
