import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { explain, runAdmin } from "../testing/run-tool";
import { makeTempDir, removeDir } from "../testing/temp-dir";

/**
 * Input the admin must refuse before it runs wrangler: each case exits 1 (2 for a wrong
 * command line) with a message naming the problem, and the state directory stays empty,
 * which shows the check came first.
 */
let dir: string | undefined;
const persist = () => ["--persist-to", dir ?? "/nonexistent"];

beforeAll(async () => {
  dir = await makeTempDir("admin-validation");
});
afterAll(async () => {
  expect(await readdir(dir ?? "")).toEqual([]);
  await removeDir(dir);
});

describe.concurrent("admin refuses bad input without touching the database", () => {
  const refusals: [string, string[], RegExp][] = [
    ["an unknown plan", ["create-workspace", "a", "--plan", "gold"], /unknown plan "gold".*starter, pro, team, business/],
    ["an unknown timezone", ["create-workspace", "a", "--timezone", "Mars/Olympus"], /unknown timezone "Mars\/Olympus"/],
    ["an unknown platform", ["create-workspace", "a", "--platform", "youtube"], /unknown platform "youtube".*tiktok, instagram/],
    ["a fractional retry count", ["create-workspace", "a", "--max-retry-count", "1.5"], /--max-retry-count must be a whole number/],
    ["an empty workspace name", ["create-workspace", "  "], /workspace name must not be empty/],
    ["a shard that is no binding name", ["create-workspace", "a", "--shard", "db-2"], /--shard must be a D1 binding name/],
    ["an unknown plan in set-plan", ["set-plan", "a", "platinum"], /unknown plan "platinum"/],
    ["a revoke id that is no credential", ["revoke", "ws_abc"], /not an API key or agent token id/],
    ["a sign-in link for an address that is no web address", ["create-login", "a", "--url", "ftp://studio.example"], /--url must be http\(s\)/],
  ];
  for (const [what, args, message] of refusals) {
    test(`${what}: exit 1`, async () => {
      const run = await runAdmin([...args, ...persist()]);
      expect(run.code, explain(run)).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.stdout).toBe("");
    });
  }

  test("a wrong command line: exit 2 with the usage", async () => {
    const run = await runAdmin(["create-key", ...persist()]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/create-key takes <workspace>/);
    expect(run.stderr).toMatch(/usage: npm run admin -- create-key <workspace>/);
  });

  test("an unknown flag or command: exit 2", async () => {
    const flag = await runAdmin(["list-workspaces", "--colour", ...persist()]);
    expect(flag.code, explain(flag)).toBe(2);
    expect(flag.stderr).toMatch(/--colour/);
    const command = await runAdmin(["drop-everything"]);
    expect(command.code, explain(command)).toBe(2);
    expect(command.stderr).toMatch(/unknown command "drop-everything"/);
  });

  test("create-login --remote without --url: exit 1 before any wrangler call, saying what to pass", async () => {
    const run = await runAdmin(["create-login", "a", "--remote"]);
    expect(run.code, explain(run)).toBe(1);
    expect(run.stderr).toMatch(/--url is required with --remote/);
  });

  test("--remote with --persist-to: exit 2", async () => {
    const run = await runAdmin(["list-workspaces", "--remote", ...persist()]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/--remote and --persist-to/);
  });

  test("--help: exit 0 with the usage on stdout", async () => {
    const run = await runAdmin(["create-workspace", "--help"]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/--max-retry-count N/);
  });
});
