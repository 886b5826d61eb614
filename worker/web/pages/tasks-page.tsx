/** @jsxImportSource hono/jsx */
import { SCRIPTS } from "../../../shared/scripts";
import { TASK_SOURCES, TASK_STATUSES } from "../../../shared/task-status";
import type { Task } from "../../db/schema";
import { type TaskListQuery, taskListHref } from "../data/task-list";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";
import { Choice } from "./choice";
import { Layout } from "./layout";
import { TaskRow } from "./task-row";

interface TasksProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; timezone: string };
  query: TaskListQuery;
  rows: Task[];
  hasMore: boolean;
  notice: string | undefined;
}

/**
 * The task list with TikMatrix's filters (status, phone, script, source), newest first. The
 * rows sit in the bulk form (stop, retry, delete the checked ones); "More tasks" is the next
 * page, which the script loads by itself as it scrolls into view.
 */
export function TasksPage({ t, csrf, workspace, query, rows, hasMore, notice }: TasksProps) {
  const { status, serial, scriptName, source } = query.filters;
  return (
    <Layout t={t} title={t.tasksTitle} session={{ csrf, section: "tasks", workspace: workspace.name }} notice={notice}>
      <form method="get" action="/tasks" class="filters">
        <Choice label={t.filter.status} name="status" any={t.filter.any} chosen={status === undefined ? undefined : String(status)} options={TASK_STATUSES.map((s) => [String(s), t.statusName[s]])} />
        <Choice label={t.filter.script} name="script_name" any={t.filter.any} chosen={scriptName} options={Object.keys(SCRIPTS).map((name) => [name, name])} />
        <Choice label={t.filter.source} name="source" any={t.filter.any} chosen={source} options={TASK_SOURCES.map((s) => [s, s])} />
        <label>
          {t.filter.phone}
          <input name="serial" value={serial ?? ""} autocomplete="off" spellcheck={false} />
        </label>
        <button type="submit">{t.filter.apply}</button>
      </form>
      {rows.length === 0 ? (
        <p>{t.noTasks}</p>
      ) : (
        <form method="post" action="/tasks/bulk" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <ul class="tasks" id="task-rows">
            {rows.map((task) => (
              <TaskRow t={t} task={task} timeZone={workspace.timezone} />
            ))}
          </ul>
          {hasMore && (
            <a href={taskListHref(query, query.page + 1)} class="more" data-more="task-rows">
              {t.more}
            </a>
          )}
          <fieldset class="bulk">
            <legend>{t.selected}</legend>
            <button type="submit" name="action" value="stop">
              {t.action.stop}
            </button>
            <button type="submit" name="action" value="retry">
              {t.action.retry}
            </button>
            <button type="submit" name="action" value="delete" class="danger">
              {t.action.delete}
            </button>
          </fieldset>
        </form>
      )}
    </Layout>
  );
}
