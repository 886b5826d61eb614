import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { d1Execute, rowsOf } from "../lib/d1";
import { sql, sqlBatch } from "../lib/sql";
import { explain, lastLine, runAdmin } from "../testing/run-tool";
import { makeTempDir, removeDir } from "../testing/temp-dir";

/**
 * The admin commands against a real local D1 (wrangler d1 execute on a temporary
 * --persist-to directory). One workspace is made first; the tests then run concurrently,
 * each on its own rows, because every command costs a few seconds of wrangler.
 */

// Quotes, a statement separator, a comment and a backslash: SQL injection bait that must
// round-trip as plain text.
const STUDIO = String.raw`O'Brien "studio"; DROP TABLE workspaces; -- \ ✓`;

let dir = "";
let studioId = "";
const local = () => ["--persist-to", dir];
const db = () => ({ remote: false as const, persistTo: dir });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function admin(...args: string[]) {
  return runAdmin([...args, ...local()]);
}

async function adminJson(...args: string[]): Promise<Record<string, unknown>> {
  const run = await admin(...args, "--json");
  expect(run.code, explain(run)).toBe(0);
  const parsed: unknown = JSON.parse(run.stdout);
  if (!isRecord(parsed)) throw new Error(`expected one JSON object, got: ${run.stdout}`);
  return parsed;
}

beforeAll(async () => {
  dir = await makeTempDir("admin");
  const run = await admin("create-workspace", STUDIO, "--timezone", "europe/berlin", "--max-retry-count", "5");
  expect(run.code, explain(run)).toBe(0);
  const id = /\((ws_[a-z0-9]{12})\)/.exec(run.stdout)?.[1];
  expect(id, run.stdout).toBeDefined();
  studioId = id ?? "";
});

afterAll(async () => {
  await removeDir(dir);
});

describe.concurrent("admin against a local D1", () => {
  test("create-workspace stores the values given: name verbatim, timezone canonical", async () => {
    const listing = await adminJson("list-workspaces");
    expect(listing.workspaces).toEqual(
      expect.arrayContaining([
        {
          id: studioId,
          name: STUDIO,
          plan: "pro",
          timezone: "Europe/Berlin",
          default_platform: "tiktok",
          max_retry_count: 5,
          retention_days: 90,
          shard: "DB",
          created_at: expect.any(Number) as number,
          active_api_keys: expect.any(Number) as number,
          active_agent_tokens: expect.any(Number) as number,
        },
      ]),
    );
  });

  test("create-key prints the token alone on the last line and stores only its hash", async () => {
    const run = await admin("create-key", STUDIO, "--name", "zapier");
    expect(run.code, explain(run)).toBe(0);
    const token = lastLine(run.stdout);
    const match = /^(tmk_[a-z2-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
    expect(match, run.stdout).not.toBeNull();
    const [, id = "", secret = ""] = match ?? [];
    expect(run.stdout.split("\n").length).toBeGreaterThan(2); // human lines come first
    expect(run.stdout.slice(0, run.stdout.lastIndexOf(token))).not.toContain(secret);

    const rows = rowsOf(await d1Execute(db(), sql`SELECT * FROM credentials WHERE id = ${id}`), 0);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row).toMatchObject({ workspace_id: studioId, kind: "api_key", name: "zapier", revoked_at: null });
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    for (const value of Object.values(row)) {
      expect(String(value)).not.toContain(secret);
      expect(String(value)).not.toContain(token);
    }

    const listing = await adminJson("list-keys", STUDIO);
    expect(listing.credentials).toEqual(expect.arrayContaining([expect.objectContaining({ id, name: "zapier" })]));
    expect(JSON.stringify(listing)).not.toContain(secret);
    expect(JSON.stringify(listing)).not.toContain("secret_hash");
  });

  test("create-agent-token --json prints exactly one JSON object", async () => {
    const result = await adminJson("create-agent-token", studioId);
    expect(result).toMatchObject({ workspace_id: studioId, kind: "agent_token" });
    expect(result.id).toMatch(/^tma_[a-z2-9]{12}$/);
    expect(result.token).toMatch(new RegExp(`^${String(result.id)}_[A-Za-z0-9_-]{43}$`));
    expect(result.name).toMatch(/^agent token \d{4}-\d{2}-\d{2}$/);
  });

  test("create-login --json prints a one-time link, stored as a login_link that expires in 15 minutes", async () => {
    const before = Date.now();
    const result = await adminJson("create-login", studioId, "--url", "https://studio.example/ignored/path");
    expect(result).toMatchObject({ workspace_id: studioId });
    expect(result.url).toMatch(/^https:\/\/studio\.example\/login\/link\/tml_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(String(result.expires_at));
    expect(expires).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });

  test("approve-agent lets a waiting agent's code into the workspace, once; a code nobody waits with is exit 1", async () => {
    const now = Date.now();
    await d1Execute(db(), sqlBatch(sql`INSERT INTO agent_pairings (id, code, poll_hash, name, created_at, expires_at) VALUES (${"pair-test-1"}, ${"K7Q4-MZP2"}, ${"hash-of-poll-secret"}, ${"RACK-PC-2"}, ${now}, ${now + 600_000})`));
    const approved = await adminJson("approve-agent", "k7q4 mzp2", studioId);
    expect(approved).toEqual({ code: "K7Q4-MZP2", name: "RACK-PC-2", workspace_id: studioId });
    const row = rowsOf(await d1Execute(db(), sqlBatch(sql`SELECT workspace_id, approved_at FROM agent_pairings WHERE id = ${"pair-test-1"}`)), 0)[0];
    expect(row?.workspace_id).toBe(studioId);
    const again = await admin("approve-agent", "K7Q4-MZP2", studioId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("approved already");
    const unknown = await admin("approve-agent", "ZZZZ-ZZZZ", studioId);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no agent is waiting with code ZZZZ-ZZZZ");
  });

  test("create-workspace places a workspace only on a database wrangler.toml binds", async () => {
    const run = await admin("create-workspace", "on-a-missing-shard", "--shard", "DB_2");
    expect(run.code, explain(run)).toBe(1);
    expect(run.stderr).toContain("cannot place a workspace on DB_2");
    const listing = await adminJson("list-workspaces");
    expect(JSON.stringify(listing)).not.toContain("on-a-missing-shard");
  });

  test("a duplicate workspace name fails with exit 1 and says so", async () => {
    const run = await admin("create-workspace", STUDIO);
    expect(run.code, explain(run)).toBe(1);
    expect(run.stderr).toContain(`a workspace named "${STUDIO}" already exists`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test("set-plan changes the plan (input case-insensitive)", async () => {
    const created = await adminJson("create-workspace", "plan-test", "--plan", "team", "--platform", "instagram");
    expect(created).toMatchObject({ plan: "team", default_platform: "instagram" });
    // The command reads the row back after the UPDATE, in the same batch.
    const changed = await adminJson("set-plan", "plan-test", "STARTER");
    expect(changed).toMatchObject({ id: created.id, plan: "starter", previous_plan: "team" });
  });

  test("set-workspace changes only the settings given, checked as at create", async () => {
    const created = await adminJson("create-workspace", "settings-test", "--timezone", "Asia/Tokyo");
    const changed = await adminJson("set-workspace", "settings-test", "--platform", "INSTAGRAM", "--max-retry", "0");
    expect(changed).toMatchObject({ id: created.id, timezone: "Asia/Tokyo", default_platform: "instagram", max_retry_count: 0 });
    const zoned = await adminJson("set-workspace", String(created.id), "--timezone", "america/new_york");
    expect(zoned).toMatchObject({ timezone: "America/New_York", default_platform: "instagram", max_retry_count: 0, retention_days: 90 });
    const kept = await adminJson("set-workspace", "settings-test", "--retention-days", "30");
    expect(kept).toMatchObject({ timezone: "America/New_York", max_retry_count: 0, retention_days: 30 });

    // Refused before any wrangler call, so these cost nothing and change nothing.
    const nothing = await admin("set-workspace", "settings-test");
    expect(nothing.code, explain(nothing)).toBe(1);
    expect(nothing.stderr).toContain("nothing to change");
    const badZone = await admin("set-workspace", "settings-test", "--timezone", "Mars/Olympus");
    expect(badZone.stderr).toContain('unknown timezone "Mars/Olympus"');
    const tooMany = await admin("set-workspace", "settings-test", "--max-retry-count", "101");
    expect(tooMany.stderr).toContain("--max-retry-count must be a whole number from 0 to 100");
    const noDays = await admin("set-workspace", "settings-test", "--retention-days", "0");
    expect(noDays.stderr).toContain('--retention-days must be a whole number from 1 to 3650, got "0"');
    const unknown = await admin("set-workspace", "no-such-studio", "--platform", "tiktok");
    expect(unknown.code, explain(unknown)).toBe(1);
    expect(unknown.stderr).toMatch(/no workspace named "no-such-studio"/);
  });

  test("revoke sets revoked_at once, given the whole token or the id", async () => {
    const key = await adminJson("create-key", studioId);
    const before = Date.now();
    const revoked = await adminJson("revoke", String(key.token));
    expect(revoked).toMatchObject({ id: key.id, status: "revoked" });
    const revokedAt = revoked.revoked_at;
    expect(typeof revokedAt === "number" && revokedAt >= before && revokedAt <= Date.now(), String(revokedAt)).toBe(true);

    const again = await admin("revoke", String(key.id));
    expect(again.code, explain(again)).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
  });

  test("unknown workspace or credential id: exit 1 with a clear message", async () => {
    // One at a time: two wrangler processes on one local database can fail with "internal error".
    const key = await admin("create-key", "no-such-studio");
    const revoke = await admin("revoke", "tmk_aaaaaaaaaaaa");
    expect(key.code, explain(key)).toBe(1);
    expect(key.stderr).toMatch(/no workspace named "no-such-studio"/);
    expect(revoke.code, explain(revoke)).toBe(1);
    expect(revoke.stderr).toMatch(/no API key or agent token with id tmk_aaaaaaaaaaaa/);
  });

  test("values reach SQLite verbatim through wrangler, via --command and via --file", async () => {
    const tricky = ["a\nb\r\nc\td", "😀 ✓ ü", "$(touch /tmp/x) `x` ${y}", "? ?1 :name @x $1", "'; --", "/* */", "\\"];
    // Past 64 KiB the SQL goes through a file instead of the command line.
    const long = [...tricky, "x".repeat(70_000)];
    const roundTrip = async (values: string[]) => {
      const results = await d1Execute(db(), sqlBatch(...values.map((v, i) => sql`SELECT ${v} AS v, ${i} AS i`)));
      expect(values.map((_, i) => rowsOf(results, i)[0])).toEqual(values.map((v, i) => ({ v, i })));
    };
    await roundTrip(tricky);
    await roundTrip(long);
  });
});
