import { execFileSync } from "node:child_process";

/**
 * Process groups of `wrangler dev` runs whose arguments name `dir` (a test's unique
 * --persist-to). dev.ts puts wrangler in a group of its own, so stopping the test's
 * group alone would not reach it if dev.ts failed to pass the signal on.
 */
export function wranglerGroupsUsing(dir: string): number[] {
  const table = execFileSync("ps", ["-eo", "pgid=,args="], { encoding: "utf8" });
  const groups = new Set<number>();
  for (const line of table.split("\n")) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    const [, pgid = "", args = ""] = match ?? [];
    if (args.includes("wrangler") && args.includes(" dev ") && args.includes(dir)) groups.add(Number(pgid));
  }
  return [...groups];
}
