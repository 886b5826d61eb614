import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type DeviceProfile, GALAXY_A, PIXEL_7 } from "../../system/device-profile.js";
import { photoPermissions } from "../../system/permissions.js";
import { type DumpNode, type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_263, INSTAGRAM_410 } from "./builds.js";
import { INSTAGRAM_FEED_SHARE, INSTAGRAM_PACKAGE, INSTAGRAM_REEL_SHARE, INSTAGRAM_STORY_SHARE, InstagramApp, type InstagramOptions } from "./instagram-app.js";

// The share screen's "Add AI label" (GK, 2025-12-22): a row in a scrollable list whose switch
// shares the id `toggle` with Threads' and Facebook's.

const harness = useHarness();
const LAUNCH = `monkey -p ${INSTAGRAM_PACKAGE} -c android.intent.category.LAUNCHER 1`;

async function shareScreen(profile: DeviceProfile, kind: "reel" | "feed" = "reel", options: InstagramOptions = {}): Promise<{ app: InstagramApp; phone: PhoneShell }> {
  const app = new InstagramApp({ asksNotifications: false, ...options });
  const phone = await harness.phone({ apps: [app], scanDelayMs: 20, profile });
  for (const permission of photoPermissions(profile.sdk)) await phone.ok(`pm grant ${INSTAGRAM_PACKAGE} ${permission}`);
  const name = kind === "reel" ? "reel.mp4" : "photo.jpg";
  const table = kind === "reel" ? "video" : "images";
  await phone.push(randomBytes(64), `/sdcard/DCIM/Camera/${name}`);
  const uri = `content://media/external/${table}/media/${await phone.index(`/sdcard/DCIM/Camera/${name}`, table)}`;
  await phone.ok(LAUNCH);
  const [mime, activity] = kind === "reel" ? ["video/mp4", INSTAGRAM_REEL_SHARE] : ["image/jpeg", INSTAGRAM_FEED_SHARE];
  await phone.ok(`am start -W -a android.intent.action.SEND -t ${mime} --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${INSTAGRAM_PACKAGE}/${activity}`);
  if (kind === "reel") {
    await phone.tap({ id: "clips_right_action_button" });
    await phone.tap({ desc: "OK" });
  } else await phone.tap({ id: (options.build ?? INSTAGRAM_410).ids.filterNext });
  return { app, phone };
}

/** GLK-TPL's way: the `toggle` whose centre is level with the "Add AI label" title. */
function aiToggle(nodes: DumpNode[]): DumpNode | undefined {
  const label = nodes.find((node) => node.text === "Add AI label");
  if (label === undefined) return undefined;
  return nodes.find((node) => node.id.endsWith(":id/toggle") && Math.abs(node.centre.y - label.centre.y) < 50 * 2);
}

async function swipeUp(phone: PhoneShell, profile: DeviceProfile): Promise<void> {
  const { width, height } = profile.screen;
  await phone.ok(`input swipe ${width / 2} ${Math.round(height * 0.75)} ${width / 2} ${Math.round(height * 0.3)} 300`);
}

describe("Instagram's Add AI label", () => {
  it("lies below the fold of a 720×1600 phone: not in the dump until the list is scrolled", async () => {
    const { phone } = await shareScreen(GALAXY_A);
    const before = await phone.dump();
    expect(before.some((node) => node.text === "Rename audio")).toBe(true);
    expect(before.some((node) => node.text === "Add AI label")).toBe(false);
    const list = before.find((node) => node.scrollable && node.cls === "androidx.recyclerview.widget.RecyclerView" && node.depth === 1);
    expect(list).toBeDefined();
    await swipeUp(phone, GALAXY_A);
    const after = await phone.dump();
    expect(after.some((node) => node.text === "Add AI label")).toBe(true);
    // The top of the list scrolled away: the cover is not laid out any more, not merely clipped.
    const firstRow = (nodes: DumpNode[]) => nodes[nodes.findIndex((node) => node.depth === 1 && node.scrollable) + 1];
    expect(firstRow(before)?.cls).toBe("android.widget.ImageView");
    expect(after.filter((node) => node.depth === 2 && node.cls === "android.widget.ImageView")).toEqual([]);
    expect(firstRow(after)?.cls).not.toBe("android.widget.ImageView");
    // Clamped at the end: more swipes leave the last row at the list's bottom.
    await swipeUp(phone, GALAXY_A);
    await swipeUp(phone, GALAXY_A);
    const end = await phone.dump();
    const facebook = end.find((node) => node.text === "Facebook");
    expect(facebook).toBeDefined();
    expect(end.find((node) => node.cls === "android.widget.ToggleButton" && node.id === "" && node.rect.top < (facebook?.centre.y ?? 0) && node.rect.bottom > (facebook?.centre.y ?? 0))?.rect.bottom).toBe(list?.rect.bottom);
  });

  it("shows on a Pixel 7 without scrolling, as dumped: a clickable row around a checkable ToggleButton whose switch is `toggle`", async () => {
    const { phone } = await shareScreen(PIXEL_7);
    const nodes = await phone.dump();
    const title = nodes.find((node) => node.text === "Add AI label");
    expect(title?.id).toBe(`${INSTAGRAM_PACKAGE}:id/title`);
    const index = nodes.indexOf(title as DumpNode);
    const [outer, row, icon, inline] = nodes.slice(index - 4, index);
    expect(outer).toMatchObject({ cls: "android.widget.LinearLayout", clickable: true });
    expect(row).toMatchObject({ cls: "android.widget.ToggleButton", checkable: true, checked: false, clickable: false });
    expect(icon?.id).toBe(`${INSTAGRAM_PACKAGE}:id/icon`);
    expect(inline?.id).toBe(`${INSTAGRAM_PACKAGE}:id/title_inline_layout`);
    expect(nodes[index + 1]).toMatchObject({ id: `${INSTAGRAM_PACKAGE}:id/subtitle`, text: "We require you to label certain realistic content that's made with AI. Learn more" });
    expect(aiToggle(nodes)).toMatchObject({ cls: "android.widget.ToggleButton", checkable: true, clickable: true, checked: false });
  });

  it("shares `toggle` with Threads and Facebook; a tap on the right one labels the reel, and the others stay off", async () => {
    const { app, phone } = await shareScreen(GALAXY_A);
    await swipeUp(phone, GALAXY_A);
    const nodes = await phone.dump();
    const toggles = nodes.filter((node) => node.id === `${INSTAGRAM_PACKAGE}:id/toggle`);
    expect(toggles).toHaveLength(3);
    // By id alone, the first is the AI label's here; by instance, Facebook's is the last.
    const ai = aiToggle(nodes);
    await phone.ok(`input tap ${ai?.centre.x} ${ai?.centre.y}`);
    const flipped = (await phone.dump()).filter((node) => node.id === `${INSTAGRAM_PACKAGE}:id/toggle`).map((node) => node.checked);
    expect(flipped).toEqual([true, false, false]);
    await phone.tap({ desc: "Share" });
    expect(app.posts[0]).toMatchObject({ placement: "reel", aiLabel: true });
  });

  it("flips on a tap anywhere on its row, and back", async () => {
    const { app, phone } = await shareScreen(PIXEL_7);
    await phone.tap({ text: "Add AI label" });
    expect(aiToggle(await phone.dump())?.checked).toBe(true);
    await phone.tap({ text: "Add AI label" });
    expect(aiToggle(await phone.dump())?.checked).toBe(false);
    await phone.tap({ desc: "Share" });
    expect(app.posts[0]?.aiLabel).toBe(false);
  });

  it("is on the feed post's share screen too, above the footer's Share", async () => {
    const { app, phone } = await shareScreen(PIXEL_7, "feed");
    expect(await phone.find({ text: "Add audio" })).toBeDefined();
    await phone.tap({ text: "Add AI label" });
    await phone.tap({ id: "share_footer_button" });
    expect(app.posts[0]).toMatchObject({ kind: "images", placement: "feed", aiLabel: true });
  });

  it("is not in 263, nor in stories", async () => {
    const old = await shareScreen(PIXEL_7, "feed", { build: INSTAGRAM_263 });
    expect(await old.phone.find({ text: "Add AI label" })).toBeUndefined();
    expect((await old.phone.dump()).some((node) => node.id.endsWith(":id/toggle"))).toBe(false);

    const app = new InstagramApp({ asksNotifications: false });
    const phone = await harness.phone({ apps: [app], scanDelayMs: 20 });
    for (const permission of photoPermissions(34)) await phone.ok(`pm grant ${INSTAGRAM_PACKAGE} ${permission}`);
    await phone.push(randomBytes(64), "/sdcard/DCIM/Camera/story.jpg");
    const uri = `content://media/external/images/media/${await phone.index("/sdcard/DCIM/Camera/story.jpg", "images")}`;
    await phone.ok(LAUNCH);
    await phone.ok(`am start -a android.intent.action.SEND -t image/jpeg --eu android.intent.extra.STREAM ${uri} --grant-read-uri-permission -n ${INSTAGRAM_PACKAGE}/${INSTAGRAM_STORY_SHARE}`);
    expect(await phone.find({ text: "Add AI label" })).toBeUndefined();
    await phone.tap({ desc: "Your story" });
    expect(app.posts[0]).toMatchObject({ placement: "story", aiLabel: false });
  });
});
