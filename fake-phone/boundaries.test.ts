import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("the fake phone's boundaries", () => {
  // It models Android from Android's facts: importing the agent would let it agree with the
  // agent by construction, and tools/ imports it (simulate, bench), so never the other way.
  it("imports nothing from outside its folder but Node and packages", () => {
    const outside = sources(ROOT).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)]
        .map((match) => resolve(dirname(file), match[1] ?? ""))
        .filter((target) => relative(ROOT, target).startsWith(".."))
        .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
    );
    expect(outside).toEqual([]);
  });
});
