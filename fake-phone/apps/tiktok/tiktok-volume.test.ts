import { describe, expect, it } from "vitest";
import { type DeviceProfile, GALAXY_A, PIXEL_7, px } from "../../system/device-profile.js";
import { type DumpNode, type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_43 } from "./builds.js";
import { shareToEditor, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// The sounds sheet's Volume panel (EDDE, AICC): two SeekBars that take taps as AbsSeekBar does.

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);

async function bars(phone: PhoneShell): Promise<DumpNode[]> {
  return (await phone.dump()).filter((node) => node.cls === "android.widget.SeekBar");
}

/** A tap `share` of the way along a bar's track: its bounds less 16 dp of padding each side. */
async function tapAlong(phone: PhoneShell, bar: DumpNode | undefined, share: number, profile: DeviceProfile): Promise<void> {
  if (bar === undefined) throw new Error("no bar");
  const padding = px(16, profile);
  const x = bar.rect.left + padding + share * (bar.rect.right - bar.rect.left - 2 * padding);
  await phone.ok(`input tap ${Math.round(x)} ${bar.centre.y}`);
}

/** A video with a sound picked in the sheet, then its Volume panel. */
async function volumeWithSound(profile: DeviceProfile) {
  const { app, phone } = await tiktokPhone(harness, { profile });
  await shareToEditor(phone, "clip.mp4");
  await phone.tap({ id: "d8c" });
  const [row] = (await phone.dump()).filter((node) => node.id === id("sheetRow"));
  await phone.ok(`input tap ${Math.round((row?.rect.left ?? 0) + 0.87 * ((row?.rect.right ?? 0) - (row?.rect.left ?? 0)))} ${row?.centre.y}`);
  await phone.tap({ text: "Volume" });
  return { app, phone };
}

async function post(phone: PhoneShell): Promise<void> {
  await phone.ok("input keyevent 4");
  await phone.tap({ id: "ntq" });
  await phone.tap({ id: "qrb" });
}

describe("the Volume panel", () => {
  for (const profile of [PIXEL_7, GALAXY_A]) {
    it(`sets a bar from where a tap lands on its track, padding and all (${profile.name})`, async () => {
      const { app, phone } = await volumeWithSound(profile);
      const labels = (await phone.dump()).filter((node) => node.id === id("volumeLabel")).map((node) => node.text);
      expect(labels).toEqual(["Original sound", "Added sound"]);
      const [original, added] = await bars(phone);
      // Nothing of the progress shows: no text, no range in a platform dump; not clickable either.
      expect([original, added].map((bar) => [bar?.text, bar?.clickable, bar?.enabled])).toEqual([
        ["", false, true],
        ["", false, true],
      ]);
      await tapAlong(phone, original, 0.3, profile);
      await tapAlong(phone, added, 0.85, profile);
      await phone.tap({ text: "Done" });
      await post(phone);
      expect(app.posts[0]?.volumes).toEqual({ original: 30, added: 85 });
    });
  }

  it("clamps a tap in the padding to the ends, and keeps the level on a tap at the thumb", async () => {
    const { app, phone } = await volumeWithSound(GALAXY_A);
    const [original, added] = await bars(phone);
    await phone.ok(`input tap ${(original?.rect.left ?? 0) + 5} ${original?.centre.y}`);
    // 51 % is within the thumb (9 dp) of the middle: the thumb does not jump (mTouchThumbOffset).
    await tapAlong(phone, added, 0.51, GALAXY_A);
    await phone.tap({ text: "Done" });
    await post(phone);
    expect(app.posts[0]?.volumes).toEqual({ original: 0, added: 50 });
  });

  it("keeps nothing on BACK; Done keeps it; the post has no volumes while Done was never tapped", async () => {
    const { app, phone } = await volumeWithSound(PIXEL_7);
    await tapAlong(phone, (await bars(phone))[0], 0.2, PIXEL_7);
    await phone.ok("input keyevent 4");
    // Back in the sheet: its tabs again.
    expect(await phone.find({ text: "Recent" })).toBeDefined();
    await post(phone);
    expect(app.posts[0]?.volumes).toBeUndefined();
    expect(app.posts[0]?.sound).toBeDefined();
  });

  it("shows the last kept levels when opened again", async () => {
    const { app, phone } = await volumeWithSound(PIXEL_7);
    await tapAlong(phone, (await bars(phone))[1], 0.1, PIXEL_7);
    await phone.tap({ text: "Done" });
    await phone.tap({ text: "Volume" });
    await tapAlong(phone, (await bars(phone))[0], 0.7, PIXEL_7);
    await phone.tap({ text: "Done" });
    await post(phone);
    expect(app.posts[0]?.volumes).toEqual({ original: 70, added: 10 });
  });

  it("disables the added sound's bar while no sound is attached, and the original's on a photo post", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await shareToEditor(phone, "clip.mp4");
    await phone.tap({ id: "d8c" });
    await phone.tap({ text: "Volume" });
    const [original, added] = await bars(phone);
    expect([original?.enabled, added?.enabled]).toEqual([true, false]);
    await tapAlong(phone, added, 0.9, PIXEL_7);
    await phone.tap({ text: "Done" });
    await post(phone);
    expect(app.posts[0]?.volumes).toEqual({ original: 50, added: 50 });

    const photo = await tiktokPhone(harness);
    await shareToEditor(photo.phone, "photo.jpg");
    await photo.phone.tap({ id: "d8c" });
    await photo.phone.tap({ text: "Volume" });
    const [photoOriginal, photoAdded] = await bars(photo.phone);
    expect([photoOriginal?.enabled, photoAdded?.enabled]).toEqual([false, true]);
    await tapAlong(photo.phone, photoOriginal, 0.1, PIXEL_7);
    await photo.phone.tap({ text: "Done" });
    await post(photo.phone);
    expect(photo.app.posts[0]?.volumes).toEqual({ original: 50, added: 50 });
  });
});
