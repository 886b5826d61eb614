import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TaskStatus } from "../../../shared/task-status";
import { openDb } from "../../db/client";
import { createTasks, setTaskState } from "../../test/task-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";
import { homeData } from "./home-data";

describe("the home page's counts", () => {
  it("running and queued are the workspace's own tasks in those states, as the counters hold them", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const ids = await createTasks(ws, ["h-1", "h-2", "h-3", "h-4", "h-5"]);
    await createTasks(other, ["h-1", "h-2"]);
    const now = Date.now();
    await setTaskState(ids[0]!, { status: TaskStatus.Running, startedAt: now });
    await setTaskState(ids[1]!, { status: TaskStatus.Completed, finishedAt: now });
    await setTaskState(ids[2]!, { status: TaskStatus.Failed, finishedAt: now });

    const home = await homeData(openDb(env.DB), ws.id, "UTC", now);
    expect(home.today).toEqual({ running: 1, queued: 2, done: 1, failed: 1 });
    expect(home.failedLastDay).toBe(1);
  });
});
