import { describe, expect, it } from "vitest";
import { describeSelectors, fillSelector, findTarget, type Selector, selectorSchema } from "./selector";
import { parseUiDump } from "./ui-tree";

const screen = { width: 1000, height: 2000 };
const nodes = parseUiDump(
  '<hierarchy rotation="0">' +
    '<node text="Next" resource-id="com.a:id/gallery_next" class="android.widget.TextView" content-desc="" enabled="false" bounds="[0,0][100,100]" />' +
    '<node text="Next" resource-id="com.a:id/editor_next" class="android.widget.TextView" content-desc="" enabled="true" bounds="[100,100][300,200]" />' +
    '<node text="@alice" resource-id="com.clone:id/profile_username" class="android.widget.TextView" content-desc="Profile" bounds="[0,300][200,400]" />' +
    "</hierarchy>",
);

describe("findTarget", () => {
  it("prefers an enabled node among the matches and taps its centre", () => {
    expect(findTarget(nodes, [{ text: "Next" }], screen)).toMatchObject({ x: 200, y: 150, node: { resourceId: "com.a:id/editor_next" } });
  });

  it("tries the alternatives in order", () => {
    const target = findTarget(nodes, [{ text: "Weiter" }, { id: "gallery_next" }], screen);
    expect(target?.node?.resourceId).toBe("com.a:id/gallery_next");
  });

  it("matches a short id in any package (clones rename it) and a full id exactly", () => {
    expect(findTarget(nodes, [{ id: "profile_username" }], screen)).toBeDefined();
    expect(findTarget(nodes, [{ id: "com.zhiliaoapp.musically:id/profile_username" }], screen)).toBeUndefined();
  });

  it("needs every field of one selector to match", () => {
    expect(findTarget(nodes, [{ text: "Next", id: "profile_username" }], screen)).toBeUndefined();
    expect(findTarget(nodes, [{ textMatches: "^@ALI", desc: "Profile" }], screen)).toBeDefined();
  });

  it("uses a position only while its `if` element is on screen", () => {
    const at: Selector = { at: [0.5, 0.9], if: { id: "editor_next" } };
    expect(findTarget(nodes, [at], screen)).toEqual({ node: undefined, x: 500, y: 1800 });
    expect(findTarget(nodes, [{ at: [0.5, 0.9], if: { text: "Nowhere" } }], screen)).toBeUndefined();
  });
});

describe("selectors as data", () => {
  it("fills placeholders, escaping them inside patterns", () => {
    expect(fillSelector({ text: "{username}", textMatches: "^@{username}$" }, { username: "a.b" })).toEqual({ text: "a.b", textMatches: "^@a\\.b$" });
  });

  it("refuses an empty selector, a bad pattern, and a position without its condition", () => {
    expect(selectorSchema.safeParse({}).success).toBe(false);
    expect(selectorSchema.safeParse({ textMatches: "(" }).success).toBe(false);
    expect(selectorSchema.safeParse({ at: [0.5, 0.5] }).success).toBe(false);
    expect(selectorSchema.safeParse({ at: [0.5, 0.5], if: { text: "x" }, text: "y" }).success).toBe(false);
    expect(selectorSchema.safeParse({ txt: "Post" }).success).toBe(false);
  });

  it("reads back for a log line", () => {
    expect(describeSelectors([{ text: "Post" }, { id: "post_button" }])).toBe('text="Post" | id="post_button"');
  });
});
