import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../test/workspace-fixture";

describe("GET /api/v1/license/check", () => {
  it("reports a Pro plan with API access and its device limit", async () => {
    const ws = await createTestWorkspace({ plan: "pro" });
    const answer = await ws.call("GET", "/api/v1/license/check");
    expect(answer.status).toBe(200);
    expect(answer).toMatchObject({
      code: 0,
      message: "success",
      data: { plan_name: "Pro", api_enabled: true, device_limit: 20 },
    });
  });

  it.each([
    ["team", "Team", 50],
    ["business", "Business", 100],
  ] as const)("reports the %s plan's device limit", async (plan, name, limit) => {
    const ws = await createTestWorkspace({ plan });
    const answer = await ws.call("GET", "/api/v1/license/check");
    expect(answer.data).toMatchObject({ plan_name: name, api_enabled: true, device_limit: limit });
  });

  it("answers a Starter workspace 40301 and still names its plan", async () => {
    const ws = await createTestWorkspace({ plan: "starter" });
    const answer = await ws.call("GET", "/api/v1/license/check");
    expect(answer.status).toBe(403);
    expect(answer.code).toBe(40301);
    expect(answer.data).toMatchObject({ plan_name: "Starter", api_enabled: false, device_limit: 5 });
  });
});
