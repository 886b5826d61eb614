import { describe, expect, it } from "vitest";
import { centreOf, parseUiDump } from "./ui-tree";

const DUMP =
  "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">" +
  '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.zhiliaoapp.musically" content-desc="" clickable="false" enabled="true" focused="false" selected="false" bounds="[0,0][1080,2400]">' +
  '<node index="0" text="Tom &amp; &quot;Jerry&quot; &#128512;" resource-id="com.zhiliaoapp.musically:id/caption_input" class="android.widget.EditText" package="com.zhiliaoapp.musically" content-desc="" clickable="true" enabled="true" focused="true" selected="false" bounds="[40,300][1040,500]" />' +
  '<node index="1" text="Post" resource-id="com.zhiliaoapp.musically:id/post_button" class="android.widget.Button" package="com.zhiliaoapp.musically" content-desc="" clickable="true" enabled="false" focused="false" selected="false" bounds="[600,2200][1040,2340]" />' +
  "</node></hierarchy>";

describe("parseUiDump", () => {
  it("reads every node with its attributes, depth and bounds", () => {
    const nodes = parseUiDump(DUMP);
    expect(nodes).toHaveLength(3);
    expect(nodes.map((node) => node.depth)).toEqual([0, 1, 1]);
    expect(nodes[1]).toMatchObject({
      text: 'Tom & "Jerry" 😀',
      resourceId: "com.zhiliaoapp.musically:id/caption_input",
      className: "android.widget.EditText",
      clickable: true,
      focused: true,
      bounds: { left: 40, top: 300, right: 1040, bottom: 500 },
    });
    expect(nodes[2]?.enabled).toBe(false);
    expect(centreOf(nodes[2]!)).toEqual({ x: 820, y: 2270 });
  });

  it("refuses text that is not a dump, so a failed dump is never read as an empty screen", () => {
    expect(() => parseUiDump("ERROR: could not get idle state.")).toThrow(/not a uiautomator dump/);
  });

  it("reads an empty hierarchy as no nodes", () => {
    expect(parseUiDump('<?xml version="1.0"?><hierarchy rotation="0"></hierarchy>')).toEqual([]);
  });
});
