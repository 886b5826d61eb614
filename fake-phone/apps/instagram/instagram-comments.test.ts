import { describe, expect, it } from "vitest";
import { GALAXY_A } from "../../system/device-profile.js";
import { ADB_KEYBOARD, ADB_KEYBOARD_PACKAGE } from "../../system/input-method.js";
import { poll, useHarness } from "../../testing/test-harness.js";
import { INSTAGRAM_263 } from "./builds.js";
import { byId, instagramPhone, openWhileRunning, postLink, reelLink } from "./instagram-testing.js";

// The comments sheet (tikmatrix-scripts.md §3.6): the input by the build's id, the post button
// disabled until there is text, the comment in the world and in the list, BACK closing the
// keyboard first and then the sheet.

const harness = useHarness();
const ME = "fake_creator";
const REEL = "7400000000000000001";
const INPUT_410 = "layout_comment_thread_edittext_multiline";
const POST_BUTTON = "layout_comment_thread_post_button_click_area";

describe("the comments sheet", () => {
  it("opens empty from a reel's comment button; typing enables Post, posting adds the comment and shows its row", async () => {
    const { app, phone, world } = await instagramPhone(harness);
    await openWhileRunning(phone, reelLink(REEL));
    await phone.tap({ id: "comment_button" });
    expect(app.dialogShowing).toBe("Comments");
    let sheet = await phone.dump();
    expect(byId(sheet, "title_text_view")?.text).toBe("Comments");
    expect(byId(sheet, "comment_empty_state_view")).toBeDefined();
    expect(byId(sheet, INPUT_410)).toMatchObject({ text: "Add a comment\u2026", focused: false });
    expect(byId(sheet, POST_BUTTON)).toMatchObject({ desc: "Post", enabled: false });
    await phone.tap({ id: POST_BUTTON });
    expect(world.comments).toEqual([]);
    await phone.tap({ id: INPUT_410 });
    expect(phone.phone.imes.shown).toBe(true);
    await phone.ok("input text 'Great%svideo!'");
    sheet = await phone.dump();
    expect(byId(sheet, INPUT_410)?.text).toBe("Great video!");
    expect(byId(sheet, POST_BUTTON)?.enabled).toBe(true);
    await phone.tap({ id: POST_BUTTON });
    expect(world.comments).toEqual([expect.objectContaining({ account: ME, postId: REEL, text: "Great video!" })]);
    sheet = await phone.dump();
    expect(byId(sheet, INPUT_410)?.text).toBe("Add a comment\u2026");
    expect(byId(sheet, "comment_empty_state_view")).toBeUndefined();
    expect(byId(sheet, "row_comment_textview_comment")?.text).toBe(`${ME} Great video!`);
    expect(byId(sheet, "row_comment_sub_items_bar")).toBeDefined();
    // BACK: first the keyboard, then the sheet; the reel counts the comment.
    await phone.ok("input keyevent 4");
    expect(phone.phone.imes.shown).toBe(false);
    expect(app.dialogShowing).toBe("Comments");
    await phone.ok("input keyevent 4");
    expect(app.dialogShowing).toBeUndefined();
    expect(byId(await phone.dump(), "comment_count")?.text).toBe("1");
  });

  it("opens focused, with the keyboard up, from the reel's Add comment… bar; the composer sits above the keyboard", async () => {
    const { phone } = await instagramPhone(harness, { profile: GALAXY_A });
    await openWhileRunning(phone, reelLink(REEL));
    await phone.tap({ id: "comment_composer_text_view" });
    expect(phone.phone.imes.shown).toBe(true);
    const input = byId(await phone.dump(), INPUT_410);
    expect(input?.focused).toBe(true);
    // The Galaxy A dumps covered views: the composer must be above the keyboard to be there at all.
    const post = byId(await phone.dump(), POST_BUTTON);
    expect(post?.rect.bottom).toBeLessThanOrEqual(1600 - Math.round((280 + 48) * 2));
  });

  it("takes ADBKeyBoard's broadcast text, emoji included, from a feed post's comment button", async () => {
    const { phone, world } = await instagramPhone(harness, { packages: [ADB_KEYBOARD_PACKAGE] });
    await phone.ok(`ime enable ${ADB_KEYBOARD}`);
    await phone.ok(`ime set ${ADB_KEYBOARD}`);
    await openWhileRunning(phone, postLink(REEL));
    await phone.tap({ id: "row_feed_button_comment" });
    await phone.tap({ id: INPUT_410 });
    const message = Buffer.from("So good \u{1F525}", "utf8").toString("base64");
    await poll(async () => {
      await phone.ok(`am broadcast -a ADB_INPUT_B64 --es msg ${message}`);
      // The dump writes the emoji as character references; the world keeps the text itself.
      return byId(await phone.dump(), INPUT_410)?.text.startsWith("So good ") === true ? true : undefined;
    }, 5_000, 100);
    await phone.tap({ id: POST_BUTTON });
    expect(world.commentsOn(REEL).map((comment) => comment.text)).toEqual(["So good \u{1F525}"]);
  });

  it("uses layout_comment_thread_edittext on 263, whose Post is a label", async () => {
    const { phone, world } = await instagramPhone(harness, { build: INSTAGRAM_263 });
    await openWhileRunning(phone, postLink(REEL));
    await phone.tap({ id: "row_feed_button_comment" });
    expect(byId(await phone.dump(), INPUT_410)).toBeUndefined();
    await phone.tap({ id: "layout_comment_thread_edittext" });
    await phone.ok("input text nice");
    await phone.tap({ text: "Post" });
    expect(world.comments.map((comment) => comment.text)).toEqual(["nice"]);
  });

  it("has no input on a post whose comments are limited", async () => {
    const { phone } = await instagramPhone(harness, { commentsLimited: [REEL] });
    await openWhileRunning(phone, reelLink(REEL));
    await phone.tap({ id: "comment_button" });
    const sheet = await phone.dump();
    expect(byId(sheet, INPUT_410)).toBeUndefined();
    expect(sheet.some((node) => node.text === "Comments on this post have been limited.")).toBe(true);
  });
});
