import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { archiveHistory } from "../../retention/archive-run";
import { historyKey, historyPrefix } from "../../retention/history-key";
import type { HistoryLine } from "../../retention/history-line";
import { archivedIds, DAY, drainHistory, finishedTask, presented } from "../../retention/history-testing";
import { utcDayOf } from "../../retention/utc-day";
import { steppedIo } from "../../test/stepped-io";
import { createTasks, expectApiError, setTaskState, storedTask } from "../../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";
import { formatCompat } from "../../time/zoned";

/**
 * `GET /api/v1/task/export?from=&to=`: a period's finished tasks, as NDJSON, from the history
 * in R2 and D1 together (docs/api.md "History").
 */

const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

async function exportOf(ws: TestWorkspace, query: string): Promise<{ response: Response; lines: HistoryLine[] }> {
  const response = await SELF.fetch(`https://api.test/api/v1/task/export?${query}`, { headers: { authorization: `Bearer ${ws.apiKey}` } });
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(200);
  expect(text === "" || text.endsWith("\n")).toBe(true);
  return { response, lines: text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as HistoryLine) };
}

class Crash extends Error {}

describe("GET /api/v1/task/export", () => {
  it("answers the period's finished tasks exactly once each, in finished_at order, from R2 and D1 together", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const before = await finishedTask(ws, now - 150 * DAY);
    const b = await finishedTask(ws, now - 120 * DAY + 3_600_000, { logs: 2 });
    const c = await finishedTask(ws, now - 120 * DAY, { logs: 1, failed: true });
    const d = await finishedTask(ws, now - 100 * DAY, { logs: 1 });
    const d2 = await finishedTask(ws, now - 100 * DAY + 60_000);
    const e = await finishedTask(ws, now - 50 * DAY, { logs: 3 });
    const f = await finishedTask(ws, now - 10 * DAY, { failed: true });
    const after = await finishedTask(ws, now - DAY);
    const [pending = 0] = await createTasks(ws, ["phone-x"]);
    await finishedTask(other, now - 110 * DAY);
    await finishedTask(other, now - 20 * DAY);
    const inOrder = [c, b, d, d2, e, f];
    const shown = new Map<number, HistoryLine>();
    for (const id of inOrder) shown.set(id, await presented(ws, id));

    // Moved up to d's day, which a dying run wrote to R2 without deleting its rows: d and d2 are in both places.
    const io = steppedIo(env.DB, env.MEDIA, (step) => {
      if (step.phase === "after" && step.what === `r2 put ${historyKey(ws.id, utcDayOf(now - 100 * DAY))}`) throw new Crash();
    });
    await archiveHistory(openDb(io.d1), io.bucket, now).catch(() => undefined);
    expect((await archivedIds(ws.id)).sort((x, y) => x - y)).toEqual([before, b, c, d, d2].sort((x, y) => x - y));
    expect(await storedTask(d)).toBeDefined();

    const period = `from=${iso(now - 130 * DAY)}&to=${iso(now - 2 * DAY)}`;
    const { response, lines } = await exportOf(ws, period);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-length")).toBeNull();
    expect(lines.map((l) => l.id)).toEqual(inOrder);
    expect(lines).toEqual(inOrder.map((id) => shown.get(id)));
    expect(lines.map((l) => l.id)).not.toContain(pending);
    expect(lines.map((l) => l.id)).not.toContain(after);

    // An export that read history_moves before the run noted d and d2, and R2 after it wrote
    // them, still shows each once: the two copies meet at the same place in the merge.
    const noted = await env.DB.prepare("SELECT day, task_id FROM history_moves WHERE workspace_id = ?").bind(ws.id).all<{ day: string; task_id: number }>();
    await env.DB.prepare("DELETE FROM history_moves WHERE workspace_id = ?").bind(ws.id).run();
    expect((await exportOf(ws, period)).lines).toEqual(lines);
    for (const { day, task_id } of noted.results) await env.DB.prepare("INSERT INTO history_moves VALUES (?, ?, ?)").bind(ws.id, day, task_id).run();

    // Once the next run has moved d's day for good, the same period answers the same lines.
    await drainHistory(now);
    expect(await storedTask(d)).toBeUndefined();
    expect((await exportOf(ws, `from=${iso(now - 130 * DAY)}&to=${iso(now - 2 * DAY)}`)).lines).toEqual(lines);
    expect((await exportOf(other, `from=${iso(now - 130 * DAY)}&to=${iso(now)}`)).lines).toHaveLength(2);
  });

  it("takes from inclusive and to exclusive, a date alone being its midnight on the workspace's clock", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace({ timezone: "Asia/Shanghai" });
    // 2026-01-10 00:00 in Shanghai is 2026-01-09 16:00 UTC.
    const from = Date.parse("2026-01-09T16:00:00Z");
    const atFrom = await finishedTask(ws, from);
    const justBefore = await finishedTask(ws, from - 1);
    const atTo = await finishedTask(ws, from + DAY);
    const inside = await finishedTask(ws, from + DAY - 1);
    await drainHistory(now);
    expect((await archivedIds(ws.id)).sort((x, y) => x - y)).toEqual([atFrom, justBefore, atTo, inside].sort((x, y) => x - y));
    const ids = async (query: string) => (await exportOf(ws, query)).lines.map((l) => l.id);
    expect(await ids("from=2026-01-10&to=2026-01-11")).toEqual([atFrom, inside]);
    expect(await ids("from=2026-01-10T00:00:00&to=2026-01-11T00:00")).toEqual([atFrom, inside]);
    // An offset's "+" sent unencoded arrives as a space; %2B is the same.
    expect(await ids("from=2026-01-10T00:00+08:00&to=2026-01-10T16:00:00Z")).toEqual([atFrom, inside]);
    expect(await ids("from=2026-01-10T00:00%2B08:00&to=2026-01-10 16:00:00.000Z")).toEqual([atFrom, inside]);
    expect(await ids(`from=${iso(from - 1)}&to=${iso(from + 1)}`)).toEqual([justBefore, atFrom]);

    // The same bounds for tasks still in D1.
    const start = now - 10 * DAY;
    const [d1AtFrom, d1Inside, d1AtTo] = [await finishedTask(ws, start), await finishedTask(ws, start + 3_600_000 - 1), await finishedTask(ws, start + 3_600_000)];
    expect(await storedTask(d1AtTo)).toBeDefined();
    expect(await ids(`from=${iso(start)}&to=${iso(start + 3_600_000)}`)).toEqual([d1AtFrom, d1Inside]);
  });

  it("defaults to to now, and answers an empty body for a period without tasks", async () => {
    const ws = await createTestWorkspace();
    const recent = await finishedTask(ws, now - 3 * DAY);
    expect((await exportOf(ws, `from=${iso(now - 7 * DAY)}`)).lines.map((l) => l.id)).toEqual([recent]);
    expect((await exportOf(ws, "from=2020-01-01&to=2020-02-01")).lines).toEqual([]);
  });

  it("shows a task retried while it was moved where D1 has it, never its archived copy", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace();
    const kept = await finishedTask(ws, now - 100 * DAY);
    const retried = await finishedTask(ws, now - 100 * DAY + 60_000, { failed: true });
    let done = false;
    const io = steppedIo(env.DB, env.MEDIA, async (step) => {
      if (done || step.phase !== "after" || !step.what.startsWith(`r2 put ${historyPrefix(ws.id)}`)) return;
      done = true;
      expect((await ws.call("POST", `/api/v1/task/${retried}/retry`)).code).toBe(0);
    });
    await archiveHistory(openDb(io.d1), io.bucket, now);
    expect(done).toBe(true);
    expect(await archivedIds(ws.id)).toEqual([kept, retried]);
    expect(await storedTask(retried)).toMatchObject({ status: 0 });
    const period = `from=${iso(now - 101 * DAY)}&to=${iso(now)}`;
    expect((await exportOf(ws, period)).lines.map((l) => l.id)).toEqual([kept]);
    // It runs again and fails again: it is history once more, at its new time.
    await setTaskState(retried, { status: 3, finishedAt: now - 60_000 });
    const shown = await presented(ws, retried);
    const { lines } = await exportOf(ws, period);
    expect(lines.map((l) => l.id)).toEqual([kept, retried]);
    expect(lines[1]).toEqual(shown);
  });

  it("shows archived tasks' compat times on the workspace's clock of today", async () => {
    await drainHistory(now);
    const ws = await createTestWorkspace({ timezone: "UTC" });
    const finishedAt = now - 100 * DAY;
    const id = await finishedTask(ws, finishedAt);
    await drainHistory(now);
    expect((await ws.call("PATCH", "/api/v1/workspace", { timezone: "Asia/Tokyo" })).code).toBe(0);
    const [line] = (await exportOf(ws, `from=${iso(finishedAt - DAY)}&to=${iso(now)}`)).lines;
    expect(line).toMatchObject({ id, end_time: formatCompat(finishedAt, "Asia/Tokyo"), start_time: formatCompat(finishedAt - 60_000, "Asia/Tokyo") });
  });

  it.each([
    ["", /from is required/],
    ["to=2026-02-01", /from is required/],
    ["from=yesterday", /from must be an ISO 8601 date-time .* got "yesterday"/],
    ["from=2026-02-30", /from "2026-02-30" is not a real date and time/],
    ["from=2026-01-01T25:00Z", /from "2026-01-01T25:00Z" is not a real date and time/],
    ["from=2026-01-01&to=01/02/2026", /to must be an ISO 8601 date-time/],
    ["from=2026-02-01&to=2026-02-01", /to must be after from/],
    ["from=2026-02-01&to=2026-01-01", /to must be after from/],
    ["from=2025-01-01&to=2026-01-03", /to must be at most 366 days after from, got 367 days/],
    [`from=${"9".repeat(65)}`, /from must be at most 64 characters/],
  ])("refuses ?%s with 40001 naming the parameter", async (query, message) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("GET", `/api/v1/task/export?${query}`), 40001, message);
  });

  it("takes a whole leap year in one export", async () => {
    const ws = await createTestWorkspace();
    expect((await exportOf(ws, "from=2028-01-01&to=2029-01-01")).lines).toEqual([]);
  });
});
