import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TaskStatus } from "../../../shared/task-status";
import { openDb } from "../../db/client";
import { encodeCursor } from "../../tasks/list-cursor";
import { taskListQueries } from "../../tasks/queries";
import { createTasks, expectApiError, setTaskState } from "../../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../../test/workspace-fixture";

const idsOf = (tasks: { id: number }[]) => tasks.map((t) => t.id);

/** Every page of a cursor walk, from `start` until next_cursor is null. */
async function walk(ws: TestWorkspace, query: string): Promise<{ pages: number[][]; totals: number[] }> {
  const pages: number[][] = [];
  const totals: number[] = [];
  let cursor: string | null = "start";
  while (cursor !== null) {
    const answer = await ws.call("GET", `/api/v1/task?${query}&cursor=${cursor}`);
    expect(answer.code, answer.message).toBe(0);
    pages.push(idsOf(answer.data.tasks));
    totals.push(answer.data.total);
    cursor = answer.data.next_cursor as string | null;
    if (pages.length > 50) throw new Error("the walk does not end");
  }
  return { pages, totals };
}

describe("GET /api/v1/task?cursor=", () => {
  it("walks the whole list newest first, page by page, with next_cursor null on the last page", async () => {
    const ws = await createTestWorkspace();
    const ids = await createTasks(ws, ["a", "b", "c", "d", "e", "f", "g"]);
    const { pages, totals } = await walk(ws, "page_size=3");
    expect(pages).toEqual([ids.slice(4).reverse(), ids.slice(1, 4).reverse(), [ids[0]]]);
    expect(totals).toEqual([7, 7, 7]);
  });

  it("answers null for next_cursor when the last page is exactly full", async () => {
    const ws = await createTestWorkspace();
    await createTasks(ws, ["a", "b", "c", "d"]);
    const { pages } = await walk(ws, "page_size=2");
    expect(pages.map((p) => p.length)).toEqual([2, 2]);
  });

  it("answers the page/page_size shape plus next_cursor, and an empty list with a null cursor", async () => {
    const ws = await createTestWorkspace();
    const answer = await ws.call("GET", "/api/v1/task?cursor=start");
    expect(answer.data).toEqual({ tasks: [], total: 0, page: 1, page_size: 20, next_cursor: null });
  });

  it.each(["status=3", "serial=a", "status=3&serial=a", "script_name=follow&source=ui"])("with %s, lists what the same filter's pages list", async (filter) => {
    const ws = await createTestWorkspace();
    const ids = await createTasks(ws, Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? "a" : "b")));
    await Promise.all(
      ids.map((id, i) =>
        setTaskState(id, { ...(i % 2 === 0 ? { status: TaskStatus.Failed } : {}), ...(i % 4 === 0 ? { scriptName: "follow", source: "ui" as const } : {}) }),
      ),
    );
    const paged = await ws.call("GET", `/api/v1/task?${filter}&page_size=100`);
    const { pages, totals } = await walk(ws, `${filter}&page_size=2`);
    expect(pages.flat()).toEqual(idsOf(paged.data.tasks));
    expect(new Set(totals)).toEqual(new Set([paged.data.total]));
  });

  it("keeps its place when newer tasks arrive between pages (an offset page would repeat tasks)", async () => {
    const ws = await createTestWorkspace();
    const ids = await createTasks(ws, ["a", "b", "c", "d"]);
    const first = await ws.call("GET", "/api/v1/task?page_size=2&cursor=start");
    await createTasks(ws, ["e", "f"]);
    const second = await ws.call("GET", `/api/v1/task?page_size=2&cursor=${first.data.next_cursor}`);
    expect(idsOf(second.data.tasks)).toEqual(ids.slice(0, 2).reverse());
    expect(second.data.total).toBe(6);
  });

  it.each(["x", "start2", "eyJiZWxvdyI6MH0", encodeCursor(5).slice(0, -1), encodeCursor(5) + "=", "%E2%9C%93", "a".repeat(65)])(
    "answers the cursor %s with 40001 naming cursor",
    async (cursor) => {
      const ws = await createTestWorkspace();
      expectApiError(await ws.call("GET", `/api/v1/task?cursor=${cursor}`), 40001, /\bcursor\b/);
    },
  );

  it.each(["page=2", "page=3&page_size=5"])("answers a cursor with %s with 40001 naming cursor and page", async (page) => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("GET", `/api/v1/task?${page}&cursor=start`), 40001, /\bcursor\b.*\bpage\b/);
  });

  it("takes page=1 beside a cursor, the page a cursor always is", async () => {
    const ws = await createTestWorkspace();
    const [id] = await createTasks(ws, ["a"]);
    const answer = await ws.call("GET", `/api/v1/task?page=1&cursor=${encodeCursor(id ?? 0)}`);
    expect(answer.data).toMatchObject({ tasks: [], page: 1, next_cursor: null });
  });

  it("reads about one page of rows for a page deep in the list, where the same page by offset reads every row before it", async () => {
    const ws = await createTestWorkspace();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await createTasks(ws, Array.from({ length: 100 }, (_, j) => `phone-${j}`))));
    const below = ids[50] ?? 0;
    const db = openDb(env.DB);
    const rowsRead = async (statement: { sql: string; params: unknown[] }) =>
      (await env.DB.prepare(statement.sql).bind(...statement.params).all()).meta.rows_read;
    const [byCursor, total] = taskListQueries(db, ws.id, {}, 20, { belowId: below });
    const [byOffset] = taskListQueries(db, ws.id, {}, 20, { offset: ids.length - 50 - 20 });
    expect(await rowsRead(byCursor.toSQL())).toBeLessThanOrEqual(21);
    expect(await rowsRead(byOffset.toSQL())).toBeGreaterThanOrEqual(250);
    // The total is the counters' few rows, not a count of the 300 tasks.
    expect(await rowsRead(total.toSQL())).toBeLessThanOrEqual(4);
  });
});
