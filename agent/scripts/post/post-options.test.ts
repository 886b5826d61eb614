import { describe, expect, test } from "vitest";
import { postConfigSchema } from "../../../shared/scripts/post";
import { MaterialError } from "./download";
import { asked } from "../engine/step-run";
import { planPost } from "./post-options";

const CLIP = { material_list: ["clip.mp4"] };
const plan = (fields: Record<string, unknown>, folderSound?: string) => planPost(postConfigSchema.parse({ ...CLIP, ...fields }), folderSound);
const conditions = (fields: Record<string, unknown>, folderSound?: string) => [...plan(fields, folderSound).conditions].sort();

describe("what a task asks of its post", () => {
  test("nothing beyond posting by default", () => {
    expect(conditions({})).toEqual([]);
    expect(plan({}).sound).toBe("");
  });

  test("useSound by link or by name, the sound filled in", () => {
    expect(conditions({ post_way: "useSound", sound_name: "https://vm.tiktok.com/ZMabc/" })).toEqual(["sound_link"]);
    expect(conditions({ post_way: "useSound", sound_name: "  lofi night  " })).toEqual(["sound_search"]);
    expect(plan({ post_way: "useSound", sound_name: "  lofi night  " }).sound).toBe("lofi night");
  });

  test("add_sound: off, recommended, custom by link or name; a picked sound opens the picker", () => {
    expect(conditions({ add_sound: 0 })).toEqual(["remove_sound"]);
    expect(conditions({ add_sound: "1" })).toEqual(["pick_sound", "recommended_sound"]);
    expect(conditions({ add_sound: "custom", custom_sound_keyword: "https://www.tiktok.com/music/x-1" })).toEqual(["custom_sound_link", "pick_sound"]);
    expect(conditions({ add_sound: "custom", custom_sound_keyword: "rain" })).toEqual(["custom_sound_search", "pick_sound"]);
  });

  test("volumes only when one is not the middle, and only with a sound added", () => {
    expect(conditions({ add_sound: "1", add_sound_volume: 50 })).not.toContain("volume");
    expect(conditions({ add_sound: "1", add_sound_volume: 80 })).toContain("volume");
    expect(plan({ post_way: "useSound", sound_name: "x", origin_sound_volume: 0 }).volumes).toEqual({ origin_sound_volume: 0, add_sound_volume: 50 });
  });

  test("the product link and the AI label", () => {
    expect(conditions({ add_product_link: 1, ai_label: true })).toEqual(["ai_label", "product_link"]);
    expect(conditions({ ai_label: 1 })).toEqual(["ai_label"]);
  });

  test("a local folder's sound stands in for the config's, and its absence is a material error", () => {
    const folder = { material_list: [], material_source: "localFolder", material_path: "D:/m", post_way: "useSound" };
    expect(plan(folder, "https://www.tiktok.com/music/a-1")).toMatchObject({ sound: "https://www.tiktok.com/music/a-1" });
    expect(conditions(folder, "rain")).toEqual(["sound_search"]);
    expect(() => plan(folder)).toThrow(MaterialError);
    expect(() => plan(folder)).toThrow(/post_way "useSound" needs a sound/);
  });

  test("a step's `if` holds when any condition it names is asked", () => {
    const asking = plan({ add_sound: "1" }).conditions;
    expect(asked(asking, undefined)).toBe(true);
    expect(asked(asking, "recommended_sound")).toBe(true);
    expect(asked(asking, ["volume", "pick_sound"])).toBe(true);
    expect(asked(asking, "ai_label")).toBe(false);
  });
});
