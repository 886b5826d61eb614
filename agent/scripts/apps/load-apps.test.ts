import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseFlow } from "../post/choose-flow";
import { ScriptFailure } from "../engine/script-failure";
import { loadApp, loadApps } from "./load-apps";

describe("the built-in screen data", () => {
  const apps = loadApps();

  it("loads for both apps", () => {
    expect(apps.tiktok.packages[0]).toBe("com.zhiliaoapp.musically");
    expect(apps.instagram.packages[0]).toBe("com.instagram.android");
  });

  it("has a flow for every post a task can ask for", () => {
    for (const app of Object.values(apps)) {
      for (const content of ["video", "images"] as const) {
        for (const postWay of ["share", "addButton"]) {
          for (const placement of ["reel", "story"] as const) {
            for (const mediaCount of content === "video" ? [1] : [1, 3]) {
              expect(() => chooseFlow(app, { content, postWay, placement, mediaCount })).not.toThrow();
            }
          }
        }
      }
    }
  });

  it("shares a single item and goes through the gallery for several", () => {
    const { tiktok, instagram } = apps;
    const kinds = (flow: { steps: Array<{ do: string }> }) => flow.steps.map((step) => step.do);
    expect(kinds(chooseFlow(tiktok, { content: "video", postWay: "share", placement: "reel", mediaCount: 1 }))).toContain("share");
    const several = kinds(chooseFlow(tiktok, { content: "images", postWay: "share", placement: "reel", mediaCount: 3 }));
    expect(several).toContain("select_media");
    expect(several).not.toContain("share");
    expect(chooseFlow(instagram, { content: "video", postWay: "share", placement: "story", mediaCount: 1 }).share_activity).toMatch(/StoryShareHandlerActivity$/);
    expect(chooseFlow(instagram, { content: "images", postWay: "addButton", placement: "story", mediaCount: 1 }).name).toMatch(/story/);
  });
});

describe("screen data from a file", () => {
  it("names the file and the field that is wrong", async () => {
    const dir = await mkdtemp(join(tmpdir(), "screens-"));
    try {
      const broken = { platform: "tiktok", packages: ["com.x.y"], popups: [], account: { open: [], current: { find: [], pattern: "(" }, switch: [] }, flows: [] };
      await writeFile(join(dir, "tiktok.json"), JSON.stringify(broken));
      const error = (() => {
        try {
          loadApp("tiktok", dir);
        } catch (thrown) {
          return thrown as Error;
        }
        return undefined;
      })();
      expect(error?.message).toContain(join(dir, "tiktok.json"));
      expect(error?.message).toMatch(/account\.current\.pattern: not a valid regular expression/);
      expect(error?.message).toMatch(/flows:/);
      await writeFile(join(dir, "instagram.json"), "{ not json");
      expect(() => loadApp("instagram", dir)).toThrow(/instagram\.json.*JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a flow that never posts, and no matching flow is a failure that says what was asked", () => {
    const app = loadApps().tiktok;
    const onlyShare = { ...app, flows: app.flows.filter((flow) => flow.when.post_way === "share") };
    const error = (() => {
      try {
        chooseFlow(onlyShare, { content: "video", postWay: "useSound", placement: "reel", mediaCount: 1 });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ScriptFailure);
    expect((error as ScriptFailure).failCode).toBe(1005);
    expect((error as Error).message).toMatch(/post_way "useSound"/);
  });
});
