import { describe, expect, it } from "vitest";
import { connectAgent } from "../test/agent-fixture";
import { createTestWorkspace } from "../test/workspace-fixture";
import { Timing } from "./timing";

/** A run's deadline is the base time plus what its script waits on purpose (scripts' waitSeconds). */
describe("the run's deadline", () => {
  it.each([
    ["account_warmup", { task_duration: 3600 }, 3600],
    ["post", { material_list: ["a.mp4"], upload_wait_time: 600, sound_wait_time: 20 }, 620],
    ["follow", { target_users: ["someone"] }, 0],
  ])("%s with %o gets the base plus %i s", async (script_name, script_config, waits) => {
    const ws = await createTestWorkspace();
    const agent = await connectAgent(ws.agentToken, `deadline-${script_name}`);
    const before = Date.now();
    await ws.call("POST", "/api/v1/task", { serials: [`deadline-${script_name}`], script_name, script_config });
    const run = await agent.next("run");
    expect(run.deadline_at).toBeGreaterThanOrEqual(before + Timing.runBaseMs + waits * 1000);
    expect(run.deadline_at).toBeLessThanOrEqual(Date.now() + Timing.runBaseMs + waits * 1000);
  });
});
