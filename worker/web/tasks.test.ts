import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { page, sessionForm, signIn, withCookie } from "../test/web-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

/** The dashboard's task pages: the list and its filters, one task's page, stop / retry / delete one or several, through the API's own rules. */
async function follows(ws: TestWorkspace, serials: string[]): Promise<number[]> {
  const created = await ws.call("POST", "/api/v1/task", { serials, script_name: "follow", script_config: { target_users: ["someone"] } });
  return created.data.task_ids as number[];
}

const idsOn = (html: string) => [...html.matchAll(/data-task-id="(\d+)"/g)].map((m) => Number(m[1]));

describe("the task list", () => {
  it("shows the workspace's tasks newest first, filtered as TikMatrix's list is, and none of another workspace's", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const ids = await follows(ws, ["a", "b", "a"]);
    await follows(other, ["a"]);
    await env.DB.prepare("update tasks set status = 3, finished_at = ? where id = ?").bind(Date.now(), ids[1] ?? 0).run();
    const token = await signIn(ws);
    expect(idsOn(await (await page("/tasks", withCookie(token))).text())).toEqual([...ids].reverse());
    expect(idsOn(await (await page("/tasks?status=3", withCookie(token))).text())).toEqual([ids[1]]);
    expect(idsOn(await (await page("/tasks?serial=a", withCookie(token))).text())).toEqual([ids[2], ids[0]]);
    expect(idsOn(await (await page("/tasks?script_name=post", withCookie(token))).text())).toEqual([]);
    expect(idsOn(await (await page("/tasks?status=9&source=x&page=-1", withCookie(token))).text())).toHaveLength(3);
  });

  it("pages by 20 with a More link that keeps the filters", async () => {
    const ws = await createTestWorkspace();
    const ids = await follows(ws, Array.from({ length: 25 }, () => "p"));
    const token = await signIn(ws);
    const first = await (await page("/tasks?serial=p", withCookie(token))).text();
    expect(idsOn(first)).toHaveLength(20);
    expect(first).toContain('href="/tasks?serial=p&amp;page=2"');
    const second = await (await page("/tasks?serial=p&page=2", withCookie(token))).text();
    expect(idsOn(second)).toEqual(ids.slice(0, 5).reverse());
    expect(second).not.toContain("data-more");
  });
});

describe("stop, retry and delete from the pages", () => {
  it("a bulk stop stops the pending ones and leaves a finished one as it was, saying so", async () => {
    const ws = await createTestWorkspace();
    const [one = 0, two = 0, done = 0] = await follows(ws, ["x", "y", "z"]);
    await env.DB.prepare("update tasks set status = 2, finished_at = ? where id = ?").bind(Date.now(), done).run();
    const token = await signIn(ws);
    const response = await page("/tasks/bulk", await sessionForm(token, [["action", "stop"], ["task_id", String(one)], ["task_id", String(two)], ["task_id", String(done)]]));
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get("location") ?? "")).toContain("Stop: 2 done, 1 left as they were.");
    const statuses = await ws.call("GET", "/api/v1/task");
    expect(Object.fromEntries((statuses.data.tasks as { id: number; status: number; fail_code: number | null }[]).map((t) => [t.id, [t.status, t.fail_code]]))).toEqual({ [one]: [3, 1007], [two]: [3, 1007], [done]: [2, null] });
  });

  it("retry of a failed task and delete of one, from its page; another workspace's task is not found and not touched", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const [id = 0] = await follows(ws, ["x"]);
    const [theirs = 0] = await follows(other, ["x"]);
    const token = await signIn(ws);
    expect((await page(`/tasks/${id}/stop`, await sessionForm(token, []))).status).toBe(303);
    const stopped = await (await page(`/tasks/${id}`, withCookie(token))).text();
    expect(stopped).toContain("1007 stopped");
    expect(stopped).toContain('action="/tasks/' + id + '/retry"');
    expect((await page(`/tasks/${id}/retry`, await sessionForm(token, []))).status).toBe(303);
    expect((await ws.call("GET", `/api/v1/task/${id}`)).data).toMatchObject({ status: 0, fail_code: null });
    expect((await page(`/tasks/${theirs}`, withCookie(token))).status).toBe(404);
    await page(`/tasks/${theirs}/delete`, await sessionForm(token, []));
    expect((await other.call("GET", `/api/v1/task/${theirs}`)).code).toBe(0);
    const deleted = await page(`/tasks/${id}/delete`, await sessionForm(token, []));
    expect(deleted.headers.get("location")).toMatch(/^\/tasks\?notice=/);
    expect((await ws.call("GET", `/api/v1/task/${id}`)).code).toBe(40401);
  });

  it("a bulk delete without the session's CSRF token deletes nothing", async () => {
    const ws = await createTestWorkspace();
    const [id = 0] = await follows(ws, ["x"]);
    const token = await signIn(ws);
    const forged = await page("/tasks/bulk", withCookie(token, { method: "POST", body: new URLSearchParams([["action", "delete"], ["task_id", String(id)], ["_csrf", "0".repeat(64)]]), headers: { origin: "https://dash.test", "content-type": "application/x-www-form-urlencoded" } }));
    expect(forged.status).toBe(403);
    expect((await ws.call("GET", `/api/v1/task/${id}`)).code).toBe(0);
  });
});
