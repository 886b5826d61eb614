import { describe, expect, it } from "vitest";
import { type PhoneShell, useHarness } from "../../testing/test-harness.js";
import { TIKTOK_43 } from "./builds.js";
import { shareToEditor, tiktokId, tiktokPhone } from "./tiktok-testing.js";

// "Add link" → Products → the showcase → the product's name → the anchor (Seller University, 2023).

const harness = useHarness();
const id = (element: Parameters<typeof tiktokId>[1]) => tiktokId(TIKTOK_43, element);
const LONG = "Hydrating Rose Face Mist with Aloe, 100 ml";

async function toPostScreen(phone: PhoneShell): Promise<void> {
  await shareToEditor(phone, "clip.mp4");
  await phone.tap({ id: "ntq" });
}

describe("Add link", () => {
  it("has no Products without a showcase: the option is simply absent", async () => {
    const { app, phone } = await tiktokPhone(harness);
    await toPostScreen(phone);
    await phone.tap({ desc: "Add link" });
    expect(app.dialogShowing).toBe("Add link");
    const texts = (await phone.dump()).map((node) => node.text);
    expect(texts).not.toContain("Products");
    expect(texts).toContain("Lead generation");
    await phone.ok("input keyevent 4");
    expect(app.screenName).toBe("post");
  });

  it("links a showcase product under a name cut to 30 characters, shown on the Add link row and recorded on the post", async () => {
    const { app, phone } = await tiktokPhone(harness, { showcase: ["Travel Mug", LONG] });
    await toPostScreen(phone);
    await phone.tap({ text: "Add link " });
    const products = (await phone.dump()).find((node) => node.text === "Products");
    expect(products?.clickable).toBe(false);
    await phone.tap({ text: "Products" });
    expect(app.screenName).toBe("showcase");
    const nodes = await phone.dump();
    expect(nodes.filter((node) => node.id === id("showcaseName")).map((node) => node.text)).toEqual(["Travel Mug", LONG]);
    const adds = nodes.filter((node) => node.text === "Add" && node.cls === "android.widget.Button");
    expect(adds).toHaveLength(2);
    await phone.ok(`input tap ${adds[1]?.centre.x} ${adds[1]?.centre.y}`);
    expect(app.screenName).toBe("productName");
    const field = (await phone.dump()).find((node) => node.cls === "android.widget.EditText");
    expect(field?.text).toBe(LONG.slice(0, 30));
    expect((await phone.find({ id: id("productNameCount") }))?.text).toBe("30/30");
    await phone.tap({ text: "Confirm" });
    expect(app.screenName).toBe("post");
    const row = (await phone.dump()).filter((node) => node.id === id("postRow"))[1];
    expect(row?.desc).toBe(LONG.slice(0, 30).trim());
    expect(await phone.find({ text: LONG.slice(0, 30).trim() })).toBeDefined();
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]).toMatchObject({ product: LONG });
  });

  it("takes an edited name, and will not confirm an empty one", async () => {
    const { app, phone } = await tiktokPhone(harness, { showcase: ["Travel Mug"] });
    await toPostScreen(phone);
    await phone.tap({ desc: "Add link" });
    await phone.tap({ text: "Products" });
    await phone.tap({ text: "Add" });
    await phone.tap({ id: id("productNameField") });
    for (let i = 0; i < 10; i++) await phone.ok("input keyevent KEYCODE_DEL");
    // The keyboard covers Confirm (left out of the dump on this phone) until BACK hides it.
    expect(await phone.find({ text: "Confirm" })).toBeUndefined();
    await phone.ok("input keyevent 4");
    expect((await phone.find({ text: "Confirm" }))?.enabled).toBe(false);
    await phone.tap({ text: "Confirm" });
    expect(app.screenName).toBe("productName");
    await phone.tap({ id: id("productNameField") });
    await phone.ok("input text 'Best%smug'");
    await phone.ok("input keyevent 4");
    await phone.tap({ text: "Confirm" });
    expect(await phone.find({ text: "Best mug" })).toBeDefined();
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]?.product).toBe("Travel Mug");
  });

  it("leaves posts without a link without a product", async () => {
    const { app, phone } = await tiktokPhone(harness, { showcase: ["Travel Mug"] });
    await toPostScreen(phone);
    await phone.tap({ id: "qrb" });
    expect(app.posts[0]?.product).toBeUndefined();
  });
});
