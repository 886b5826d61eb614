import { describe, expect, it } from "vitest";
import { ackRun, connectAgent, sendResult } from "../../test/agent-fixture";
import { createTasks, expectApiError, storedTask } from "../../test/task-fixture";
import { createTestWorkspace } from "../../test/workspace-fixture";

const post = { script_name: "post", script_config: { material_list: ["clip.mp4"] } };

describe("GET /api/v1/workspace", () => {
  it("shows the settings and the plan", async () => {
    const ws = await createTestWorkspace({ plan: "team", timezone: "Asia/Shanghai", defaultPlatform: "instagram", maxRetryCount: 2 });
    const answer = await ws.call("GET", "/api/v1/workspace");
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data).toEqual({
      id: ws.id,
      name: ws.id,
      plan: "team",
      plan_name: "Team",
      device_limit: 50,
      timezone: "Asia/Shanghai",
      default_platform: "instagram",
      max_retry_count: 2,
      min_battery_level: 15,
      max_battery_temperature_c: 45,
      retention_days: 90,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
  });
});

describe("PATCH /api/v1/workspace", () => {
  it("changes only the settings given and answers the workspace", async () => {
    const ws = await createTestWorkspace({ timezone: "UTC", maxRetryCount: 3 });
    const answer = await ws.call("PATCH", "/api/v1/workspace", { default_platform: "instagram" });
    expect(answer.code, answer.message).toBe(0);
    expect(answer.data).toMatchObject({ timezone: "UTC", default_platform: "instagram", max_retry_count: 3 });
    const again = await ws.call("GET", "/api/v1/workspace");
    expect(again.data).toEqual(answer.data);
  });

  it("stores a time zone in its canonical spelling, and the next task's start_time reads on it", async () => {
    const ws = await createTestWorkspace({ timezone: "UTC" });
    const answer = await ws.call("PATCH", "/api/v1/workspace", { timezone: "asia/tokyo" });
    expect(answer.data.timezone).toBe("Asia/Tokyo");

    // 12:00 today or tomorrow in Tokyo is 03:00 UTC: the zone the create reads is the new one.
    const created = await ws.call("POST", "/api/v1/task", { serials: ["a"], start_time: "12:00", ...post });
    const task = await ws.call("GET", `/api/v1/task/${created.data.task_ids[0]}`);
    expect(task.data.scheduled_at).toMatch(/T03:00:00\.000Z$/);
    expect(task.data.start_time).toMatch(/ 12:00:00$/);
  });

  it("sets max_retry_count 0, and a task created before fails without a retry", async () => {
    const ws = await createTestWorkspace({ maxRetryCount: 3 });
    const agent = await connectAgent(ws.agentToken, "phone-r");
    const [id] = await createTasks(ws, ["phone-r"]);
    const answer = await ws.call("PATCH", "/api/v1/workspace", { max_retry_count: 0 });
    expect(answer.data.max_retry_count).toBe(0);
    const run = await agent.next("run");
    ackRun(agent, run);
    await sendResult(agent, run, { ok: false, fail_code: 1001, remark: "device offline", posted: false });
    expect(await storedTask(id!)).toMatchObject({ status: 3, failCode: 1001, retryCount: 0 });
  });

  it("sets retention_days within 1 to 3650 days", async () => {
    const ws = await createTestWorkspace();
    for (const days of [1, 30, 3650]) {
      const answer = await ws.call("PATCH", "/api/v1/workspace", { retention_days: days });
      expect(answer.data.retention_days, answer.message).toBe(days);
    }
    expect((await ws.call("GET", "/api/v1/workspace")).data.retention_days).toBe(3650);
  });

  it.each([
    [{ retention_days: 0 }, /retention_days must be at least 1/],
    [{ retention_days: 3651 }, /retention_days must be at most 3650/],
    [{ retention_days: 7.5 }, /retention_days/],
    [{ retention_days: "90" }, /retention_days must be a number/],
    [{ retention_days: null }, /retention_days/],
    [{ timezone: "Mars/Olympus" }, /timezone "Mars\/Olympus" is not a known IANA zone/],
    [{ timezone: "" }, /timezone/],
    [{ default_platform: "youtube" }, /default_platform/],
    [{ max_retry_count: 101 }, /max_retry_count/],
    [{ max_retry_count: -1 }, /max_retry_count/],
    [{ max_retry_count: 1.5 }, /max_retry_count/],
    [{ max_retry_count: "3" }, /max_retry_count/],
    [{}, /give at least one of timezone, default_platform, max_retry_count, min_battery_level, max_battery_temperature_c, retention_days/],
    [{ name: "renamed" }, /name/],
    [{ plan: "business" }, /plan cannot be changed here/],
    [{ plan: "business", timezone: "UTC" }, /plan cannot be changed here/],
  ])("refuses %j with 40001 naming the field, changing nothing", async (body, message) => {
    const ws = await createTestWorkspace({ plan: "pro", timezone: "Europe/Berlin" });
    const answer = await ws.call("PATCH", "/api/v1/workspace", body);
    expectApiError(answer, 40001, message);
    const after = await ws.call("GET", "/api/v1/workspace");
    expect(after.data).toMatchObject({ plan: "pro", timezone: "Europe/Berlin", default_platform: "tiktok", max_retry_count: 3, retention_days: 90 });
  });

  it("refuses a body that is not a JSON object", async () => {
    const ws = await createTestWorkspace();
    expectApiError(await ws.call("PATCH", "/api/v1/workspace", "[1]"), 40001);
    expectApiError(await ws.call("PATCH", "/api/v1/workspace", "{"), 40001);
  });
});
