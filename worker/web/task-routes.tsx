/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiError } from "../http/api-error";
import { screenshotKey } from "../routes/tasks/evidence";
import { objectQueues } from "../tasks/device-queues";
import { TaskLifecycle } from "../tasks/lifecycle";
import { logLinesOf } from "../tasks/log-lines";
import { getTask } from "../tasks/queries";
import { taskListQueryOf, taskPage } from "./data/task-list";
import type { Messages } from "./i18n/messages";
import { Layout } from "./pages/layout";
import { screenshotResponse } from "./screenshot-response";
import { TaskPage } from "./pages/task-page";
import { TasksPage } from "./pages/tasks-page";
import type { WebEnv } from "./web-env";

type Action = "stop" | "retry" | "delete";
const ACTIONS: readonly Action[] = ["stop", "retry", "delete"];

const lifecycleOf = (c: Context<WebEnv>) => new TaskLifecycle(c.get("db"), c.get("workspace").id, objectQueues(c.env, c.get("db")));

/**
 * The dashboard's task pages (behind the session): the list with its filters and bulk actions,
 * and one task's page. Stop, retry and delete go through the API's own TaskLifecycle, so they
 * keep its rules (a finished task cannot stop, a posted one is not retried, a publishing one not deleted).
 */
export const taskPages = new Hono<WebEnv>();

taskPages.get("/tasks", async (c) => {
  const workspace = c.get("workspace");
  const query = taskListQueryOf((name) => c.req.query(name));
  const { rows, hasMore } = await taskPage(c.get("db"), workspace.id, query);
  return c.html(<TasksPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} query={query} rows={rows} hasMore={hasMore} notice={c.req.query("notice")?.slice(0, 300)} />);
});

taskPages.post("/tasks/bulk", async (c) => {
  const form = await c.req.parseBody({ all: true });
  const action = ACTIONS.find((a) => a === form.action);
  const ids = [form.task_id ?? []].flat().map(Number).filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 100);
  if (action === undefined) return c.redirect("/tasks", 303);
  const { done, skipped } = await act(c, action, ids);
  return c.redirect(`/tasks?notice=${encodeURIComponent(c.get("t").bulkDone(c.get("t").action[action], done, skipped))}`, 303);
});

taskPages.get("/tasks/:id{[0-9]+}", async (c) => {
  const workspace = c.get("workspace");
  const task = await taskOrNull(c, Number(c.req.param("id")));
  if (task === null) {
    const t = c.get("t");
    return c.html(
      <Layout t={t} title={t.tasksTitle} session={{ csrf: c.get("csrf"), section: "tasks", workspace: workspace.name }}>
        <p role="alert">{t.taskGone(Number(c.req.param("id")))}</p>
      </Layout>,
      404,
    );
  }
  const [logs, shot] = await Promise.all([logLinesOf(c.get("db"), task.id), c.env.SCREENSHOTS.head(screenshotKey(workspace.id, task.id))]);
  return c.html(<TaskPage t={c.get("t")} csrf={c.get("csrf")} workspace={workspace} task={task} logs={logs} hasScreenshot={shot !== null} />);
});

taskPages.get("/tasks/:id{[0-9]+}/screenshot", async (c) => {
  return screenshotResponse(c, await taskOrNull(c, Number(c.req.param("id"))));
});

taskPages.post("/tasks/:id{[0-9]+}/:action{stop|retry|delete}", async (c) => {
  const id = Number(c.req.param("id"));
  const action = c.req.param("action") as Action;
  const t: Messages = c.get("t");
  const { done } = await act(c, action, [id]);
  if (action === "delete" && done === 1) return c.redirect(`/tasks?notice=${encodeURIComponent(t.bulkDone(t.action.delete, 1, 0))}`, 303);
  return c.redirect(`/tasks/${id}`, 303);
});

/** The action on each task; a task whose state refuses it (the API's 409) is left as it was and counted. */
async function act(c: Context<WebEnv>, action: Action, ids: readonly number[]): Promise<{ done: number; skipped: number }> {
  const lifecycle = lifecycleOf(c);
  if (action === "delete") {
    const { deleted } = await lifecycle.delete(ids);
    return { done: deleted.length, skipped: ids.length - deleted.length };
  }
  let done = 0;
  for (const id of ids) {
    try {
      await (action === "stop" ? lifecycle.stop(id) : lifecycle.retry(id));
      done++;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  return { done, skipped: ids.length - done };
}

async function taskOrNull(c: Context<WebEnv>, id: number) {
  try {
    return await getTask(c.get("db"), c.get("workspace").id, id);
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}
