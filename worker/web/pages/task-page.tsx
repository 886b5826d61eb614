/** @jsxImportSource hono/jsx */
import { FAIL_CLASSES, isFailCode } from "../../../shared/fail-codes";
import { TaskStatus } from "../../../shared/task-status";
import type { Task } from "../../db/schema";
import type { TaskLogLine } from "../../tasks/log-lines";
import type { Messages } from "../i18n/messages";
import { CSRF_FIELD } from "../session/csrf";
import { formatTime } from "../time-format";
import { Layout } from "./layout";

interface TaskProps {
  t: Messages;
  csrf: string;
  workspace: { name: string; timezone: string };
  task: Task;
  logs: TaskLogLine[];
  hasScreenshot: boolean;
}

/** One task: its timeline, the actions its state allows, its log lines and its final screenshot, full size. */
export function TaskPage({ t, csrf, workspace, task, logs, hasScreenshot }: TaskProps) {
  const when = (ms: number | null) => (ms === null ? "–" : formatTime(ms, workspace.timezone, t));
  const f = t.taskFields;
  const failure = task.failCode !== null && isFailCode(task.failCode) ? `${task.failCode} ${FAIL_CLASSES[task.failCode].name}` : task.failCode === null ? null : String(task.failCode);
  const actions: ("stop" | "retry" | "delete")[] = [];
  if (task.status === TaskStatus.Pending || task.status === TaskStatus.Running) actions.push("stop");
  if (task.status === TaskStatus.Failed) actions.push("retry");
  actions.push("delete");
  return (
    <Layout t={t} title={t.taskTitle(task.id)} session={{ csrf, section: "tasks", workspace: workspace.name }}>
      <dl class="fields card">
        <dt>{f.status}</dt>
        <dd class={`status s${task.status}`} data-field="status">
          {t.statusName[task.status]}
        </dd>
        <dt>{f.script}</dt>
        <dd>{task.scriptName}</dd>
        <dt>{f.phone}</dt>
        <dd>{task.serial}</dd>
        {task.username !== null && (
          <>
            <dt>{f.account}</dt>
            <dd>{`@${task.username} (${task.platform})`}</dd>
          </>
        )}
        <dt>{f.created}</dt>
        <dd>{when(task.createdAt)}</dd>
        <dt>{f.scheduled}</dt>
        <dd>{when(task.scheduledAt)}</dd>
        <dt>{f.started}</dt>
        <dd>{when(task.startedAt)}</dd>
        <dt>{f.finished}</dt>
        <dd>{when(task.finishedAt)}</dd>
        {task.remark !== "" && (
          <>
            <dt>{f.remark}</dt>
            <dd data-field="remark">{task.remark}</dd>
          </>
        )}
        {failure !== null && (
          <>
            <dt>{f.failCode}</dt>
            <dd data-field="fail_code">{failure}</dd>
          </>
        )}
        <dt>{f.retries}</dt>
        <dd>{task.retryCount}</dd>
        {task.postUrl !== null && (
          <>
            <dt>{f.postUrl}</dt>
            <dd>
              <a href={task.postUrl} rel="noreferrer noopener">
                {task.postUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <div class="actions">
        {actions.map((action) => (
          <form method="post" action={`/tasks/${task.id}/${action}`}>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <button type="submit" class={action === "delete" ? "danger" : undefined}>
              {t.action[action]}
            </button>
          </form>
        ))}
      </div>
      <h2>{t.logTitle}</h2>
      {logs.length === 0 ? (
        <p class="hint">{t.noLog}</p>
      ) : (
        <ol class="log">
          {logs.map((line) => (
            <li class={`log-${line.level}`}>
              <time>{formatTime(line.at, workspace.timezone, t)}</time> {line.message}
            </li>
          ))}
        </ol>
      )}
      {hasScreenshot && (
        <>
          <h2>{t.screenshotTitle}</h2>
          <img class="shot" src={`/tasks/${task.id}/screenshot`} alt={t.screenshotOf(task.id)} />
        </>
      )}
    </Layout>
  );
}
