import { describe, expect, it } from "vitest";
import { bindRefs, describeSelectors, fillSelector, findTarget, findWithin, matchNodes, type Selector, selectorSchema } from "./selector";
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

describe("structure", () => {
  const form = parseUiDump(
    '<hierarchy rotation="0"><node class="android.widget.FrameLayout" bounds="[0,0][1000,2000]">' +
      '<node text="Add a catchy title" class="android.widget.EditText" bounds="[0,0][1000,100]" />' +
      '<node text="Add a description" class="android.widget.AutoCompleteTextView" bounds="[0,100][1000,300]" />' +
      '<node class="android.widget.GridView" bounds="[0,300][1000,900]">' +
      '<node class="android.widget.FrameLayout" clickable="true" bounds="[0,300][500,600]"><node text="1" class="android.widget.TextView" clickable="true" bounds="[400,300][500,400]" /></node>' +
      '<node class="android.widget.FrameLayout" clickable="true" bounds="[500,300][1000,600]" />' +
      "</node>" +
      '<node text="Post" class="android.widget.TextView" bounds="[0,1900][1000,2000]" />' +
      "</node></hierarchy>",
  );

  it("finds text fields of any EditText class, by their place among the matches", () => {
    expect(matchNodes(form, { editable: true }).map((node) => node.text)).toEqual(["Add a catchy title", "Add a description"]);
    expect(matchNodes(form, { editable: true, nth: -1 })[0]?.text).toBe("Add a description");
    expect(matchNodes(form, { editable: true, nth: 0, count: 2 })[0]?.text).toBe("Add a catchy title");
    expect(matchNodes(form, { editable: true, count: 3 })).toEqual([]);
  });

  it("finds nodes inside another, and inside one node only", () => {
    const cells = matchNodes(form, { in: { class: "android.widget.GridView" }, class: "android.widget.FrameLayout", clickable: true });
    expect(cells).toHaveLength(2);
    expect(findWithin(form, cells[0]!, [{ textMatches: "^\\d+$" }])?.text).toBe("1");
    expect(findWithin(form, cells[1]!, [{ textMatches: "^\\d+$" }])).toBeUndefined();
  });

  it("fills a build's ids into `ref`s; a ref the build lacks matches nothing", () => {
    const data = { find: [{ ref: "post" }, { text: "Post" }] };
    expect(bindRefs(data, { post: "qrb" })).toEqual({ find: [{ id: "qrb" }, { text: "Post" }] });
    const unbound = bindRefs(data, undefined).find;
    expect(findTarget(form, unbound, screen)?.node?.text).toBe("Post");
    expect(findTarget(form, [unbound[0]!], screen)).toBeUndefined();
  });
});

describe("rows and lists", () => {
  // A share screen: a label and its switch in one row, another row's switch with the same id,
  // and a sheet whose main list holds a row that is itself a list, then rows drawn without text.
  const screenDump = parseUiDump(
    '<hierarchy rotation="0"><node class="android.widget.FrameLayout" bounds="[0,0][1000,2000]">' +
      '<node text="Add AI label" class="android.widget.TextView" bounds="[80,100][400,160]" />' +
      '<node resource-id="com.i:id/toggle" class="android.widget.ToggleButton" checked="false" clickable="true" bounds="[850,110][950,150]" />' +
      '<node text="Threads" class="android.widget.TextView" bounds="[80,300][400,360]" />' +
      '<node resource-id="com.i:id/toggle" class="android.widget.ToggleButton" checked="true" clickable="true" bounds="[850,310][950,350]" />' +
      '<node class="androidx.recyclerview.widget.RecyclerView" scrollable="true" bounds="[0,800][1000,2000]">' +
      '<node class="android.widget.FrameLayout" clickable="true" bounds="[0,800][1000,1100]">' +
      '<node class="androidx.recyclerview.widget.RecyclerView" scrollable="true" bounds="[0,850][1000,1050]">' +
      '<node class="android.widget.FrameLayout" clickable="true" bounds="[0,850][200,1050]" />' +
      "</node></node>" +
      '<node class="android.view.ViewGroup" clickable="true" bounds="[0,1100][1000,1300]" />' +
      '<node class="android.view.ViewGroup" clickable="true" bounds="[0,1300][1000,1500]" />' +
      "</node></node></hierarchy>",
  );
  const mainList = { class: "androidx.recyclerview.widget.RecyclerView", scrollable: true, largest: true } as const;

  it("finds the switch on a label's row, though another row's switch has the same id", () => {
    expect(matchNodes(screenDump, { id: "toggle", beside: { text: "Add AI label" } }).map((node) => node.checked)).toEqual([false]);
    expect(matchNodes(screenDump, { id: "toggle", beside: { text: "Threads" } }).map((node) => node.checked)).toEqual([true]);
  });

  it("finds the first row of the screen's main list that is not itself a list", () => {
    const rows = matchNodes(screenDump, { parent: mainList, lacks: { class: "androidx.recyclerview.widget.RecyclerView" } });
    expect(rows.map((node) => node.bounds.top)).toEqual([1100, 1300]);
    // Without `largest`, the nested list's cell would count as a row of "a" list.
    expect(matchNodes(screenDump, { parent: { class: "androidx.recyclerview.widget.RecyclerView" }, clickable: true, nth: 1 })[0]?.bounds.top).toBe(850);
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
