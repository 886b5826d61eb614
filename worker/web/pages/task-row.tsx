/** @jsxImportSource hono/jsx */
import type { Task } from "../../db/schema";
import type { Messages } from "../i18n/messages";
import { formatTime } from "../time-format";

/** One task in the list: a checkbox for the bulk actions, and a link to its page. */
export function TaskRow({ t, task, timeZone }: { t: Messages; task: Task; timeZone: string }) {
  return (
    <li class="card task" data-task-id={task.id} data-status={task.status}>
      <label class="check">
        <input type="checkbox" name="task_id" value={String(task.id)} aria-label={t.selectTask(task.id)} />
      </label>
      <div>
        <a href={`/tasks/${task.id}`} class="task-link">
          {`#${task.id} ${task.scriptName}`}
        </a>
        <p class={`status s${task.status}`}>{t.statusName[task.status]}</p>
        <p class="hint">
          {[task.username === null ? task.serial : `@${task.username} · ${task.serial}`, formatTime(task.finishedAt ?? task.startedAt ?? task.scheduledAt, timeZone, t)].join(" · ")}
        </p>
        {task.remark !== "" && <p class="hint">{task.remark}</p>}
      </div>
    </li>
  );
}
