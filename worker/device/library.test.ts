import { describe, expect, it } from "vitest";
import { jpeg, mp4, sha256Hex } from "../routes/materials/test-files";
import { ackRun, connectAgent, disconnect, fireAlarm, letTimePass, roundTrip, runsOf, sendResult, waitForMessage } from "../test/agent-fixture";
import { expectApiError, storedTask } from "../test/task-fixture";
import { createTestWorkspace, type TestWorkspace } from "../test/workspace-fixture";

// The material library in the phone's object: a pick claimed at dispatch and sent with the
// run, failed at once when the library has nothing to give, released when the run ends
// before publishing, used from the publishing tap on.

async function upload(ws: TestWorkspace, bytes: Uint8Array, type: string, query = ""): Promise<number> {
  const answer = await ws.call("POST", `/api/v1/materials${query}`, bytes, { "content-type": type });
  expect(answer.code, answer.message).toBe(0);
  return answer.data.id as number;
}

async function post(ws: TestWorkspace, serials: string[], config: Record<string, unknown> = {}): Promise<number[]> {
  const answer = await ws.call("POST", "/api/v1/task", { serials, script_name: "post", script_config: config });
  expect(answer.code, answer.message).toBe(0);
  return answer.data.task_ids as number[];
}

const material = async (ws: TestWorkspace, id: number) => (await ws.call("GET", `/api/v1/materials/${id}`)).data;

describe("a post from the material library", () => {
  it("with no material fields (TikMatrix's default) gets an unused video with the run: id, SHA-256, size, extension, caption", async () => {
    const ws = await createTestWorkspace();
    const bytes = mp4(4096, 7);
    const id = await upload(ws, bytes, "video/mp4", "?caption=from%20the%20library");
    const agent = await connectAgent(ws.agentToken, "lib-default");
    const [task] = await post(ws, ["lib-default"]);
    const run = await agent.next("run");
    expect(run.library).toEqual([{ id, sha256: await sha256Hex(bytes), size: 4096, ext: ".mp4", caption: "from the library" }]);
    expect(await material(ws, id)).toMatchObject({ used: 0, claimed_by_task_id: task });
  });

  it("fails at once with 1004 naming what is missing when no unused material is left, and the phone goes on", async () => {
    const ws = await createTestWorkspace();
    await upload(ws, mp4(512, 1), "video/mp4", "?tags=winter");
    const agent = await connectAgent(ws.agentToken, "lib-empty");
    const [summer] = await post(ws, ["lib-empty"], { materials_tags: "summer, beach" });
    const [named] = await post(ws, ["lib-empty"], { material_list: ["clip.mp4"] });
    const run = await agent.next("run");
    expect(run.task_id).toBe(named);
    expect(await storedTask(summer!)).toMatchObject({
      status: 3,
      failCode: 1004,
      remark: 'the material library has no unused video tagged "summer" or "beach" for this post (material_source "materialLibrary"): upload more, or mark used ones unused',
    });
  });

  it("finds a material tagged at upload with a Chinese keyboard's comma, as materials_tags names it", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(512, 11), "video/mp4", `?tags=${encodeURIComponent("夏天，海滩")}`);
    expect((await material(ws, id)).tags).toEqual(["夏天", "海滩"].sort());
    const agent = await connectAgent(ws.agentToken, "lib-zh");
    await post(ws, ["lib-zh"], { materials_tags: "海滩" });
    expect((await agent.next("run")).library.map((m) => m.id)).toEqual([id]);
  });

  it("images: image_count of them in sort order, or none at all", async () => {
    const ws = await createTestWorkspace();
    const second = await upload(ws, jpeg(300, 1), "image/jpeg", "?sort_key=2");
    const first = await upload(ws, jpeg(300, 2), "image/jpeg", "?sort_key=1");
    const agent = await connectAgent(ws.agentToken, "lib-images");
    const [three] = await post(ws, ["lib-images"], { content_type: 1, image_count: 3 });
    await roundTrip(agent);
    expect(await storedTask(three!)).toMatchObject({ status: 3, failCode: 1004, remark: expect.stringMatching(/^the material library has fewer than 3 unused images for this post/) });
    await post(ws, ["lib-images"], { content_type: 1, image_count: 2 });
    expect((await agent.next("run")).library.map((m) => m.id)).toEqual([first, second]);
  });

  it("is marked used at the publishing tap, by the task and its phone's account; a second post finds nothing", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(512, 2), "video/mp4");
    const agent = await connectAgent(ws.agentToken, "lib-used");
    const [task] = await post(ws, ["lib-used"]);
    const run = await agent.next("run");
    ackRun(agent, run);
    agent.send({ type: "posting", task_id: task!, attempt_id: run.attempt_id });
    await agent.next("posting_ok");
    expect(await material(ws, id)).toMatchObject({ used: 1, used_by_task_id: task, used_by_username: null, claimed_by_task_id: null, used_at: expect.any(Number) });
    await sendResult(agent, run, { ok: true, posted: true });
    const [next] = await post(ws, ["lib-used"]);
    await roundTrip(agent);
    expect(await storedTask(next!)).toMatchObject({ status: 3, failCode: 1004 });
    expect(await material(ws, id)).toMatchObject({ used: 1, used_by_task_id: task });
  });

  it("goes back to the pool when the run fails before publishing, and the next task gets it", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(512, 3), "video/mp4");
    const agent = await connectAgent(ws.agentToken, "lib-release");
    const [first] = await post(ws, ["lib-release"]);
    const run = await agent.next("run");
    ackRun(agent, run);
    await sendResult(agent, run, { ok: false, fail_code: 1005, remark: "no Next button", posted: false });
    expect(await material(ws, id)).toMatchObject({ used: 0, claimed_by_task_id: null });
    const [second] = await post(ws, ["lib-release"]);
    const again = await waitForMessage(agent, "run", (m) => m.task_id === second);
    expect(again.library.map((m) => m.id)).toEqual([id]);
    expect(first).not.toBe(second);
  });

  it("keeps its pick through a resent run, and releases it when the task is taken back unacked", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(512, 4), "video/mp4");
    const agent = await connectAgent(ws.agentToken, "lib-resend");
    const [task] = await post(ws, ["lib-resend"]);
    await agent.next("run");
    await letTimePass(ws.id, "lib-resend", 60_000);
    await fireAlarm(ws.id, "lib-resend");
    const [first, resent] = runsOf(agent);
    expect(resent?.attempt_id).toBe(first?.attempt_id);
    expect(resent?.library).toEqual(first?.library);
    await disconnect(agent, ws.id, "lib-resend");
    await letTimePass(ws.id, "lib-resend", 600_000);
    await fireAlarm(ws.id, "lib-resend");
    expect(await storedTask(task!)).toMatchObject({ status: 0 });
    expect(await material(ws, id)).toMatchObject({ claimed_by_task_id: null });
  });

  it("is released when the running task is deleted, and a held material cannot be deleted meanwhile", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(512, 5), "video/mp4");
    const agent = await connectAgent(ws.agentToken, "lib-delete");
    const [task] = await post(ws, ["lib-delete"]);
    ackRun(agent, await agent.next("run"));
    expectApiError(await ws.call("DELETE", `/api/v1/materials/${id}`), 40901, new RegExp(`held by task ${task}`));
    expect((await ws.call("DELETE", `/api/v1/task/${task}`)).code).toBe(0);
    expect(await material(ws, id)).toMatchObject({ used: 0, claimed_by_task_id: null });
  });
});

describe("twenty phones, ten videos", () => {
  it("ten runs get ten distinct videos, ten tasks fail at once with 1004, no file twice", async () => {
    const ws = await createTestWorkspace({ plan: "team" });
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(ws, mp4(256, 100 + i), "video/mp4")));
    const serials = Array.from({ length: 20 }, (_, i) => `rack-${i}`);
    const agents = await Promise.all(serials.map((serial) => connectAgent(ws.agentToken, serial, `agent-${serial}`)));
    const tasks = await post(ws, serials);
    await Promise.all(agents.map((agent) => roundTrip(agent)));
    const picked = agents.flatMap((agent) => runsOf(agent).flatMap((run) => run.library.map((m) => m.id)));
    expect(picked).toHaveLength(10);
    expect(new Set(picked).size).toBe(10);
    expect([...picked].sort()).toEqual([...ids].sort());
    const stored = await Promise.all(tasks.map((id) => storedTask(id)));
    expect(stored.filter((task) => task?.status === 1)).toHaveLength(10);
    expect(stored.filter((task) => task?.status === 3 && task.failCode === 1004 && /no unused video/.test(task.remark))).toHaveLength(10);
    // Twenty phones' objects at once: about 1.3 s alone, past the default 5 s once on two loaded cores.
  }, 30_000);
});

describe("material_list entries lib:<id>", () => {
  it("name library materials: sent with the run in list order beside files, used at publishing, and not exclusive", async () => {
    const ws = await createTestWorkspace();
    const a = await upload(ws, jpeg(300, 4), "image/jpeg");
    const b = await upload(ws, jpeg(300, 5), "image/jpeg");
    const agent = await connectAgent(ws.agentToken, "lib-named");
    const [task] = await post(ws, ["lib-named"], { content_type: 1, image_count: 3, material_list: [`lib:${b}`, "D:/photos/x.jpg", `lib:${a}`] });
    const run = await agent.next("run");
    expect(run.library.map((m) => m.id)).toEqual([b, a]);
    ackRun(agent, run);
    agent.send({ type: "posting", task_id: task!, attempt_id: run.attempt_id });
    await agent.next("posting_ok");
    expect(await material(ws, a)).toMatchObject({ used: 1, used_by_task_id: task });
    expect(await material(ws, b)).toMatchObject({ used: 1, used_by_task_id: task });
  });

  it("are refused at create when they are not this workspace's, or not the kind the post takes", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const theirs = await upload(other, mp4(300, 6), "video/mp4");
    const image = await upload(ws, jpeg(300, 6), "image/jpeg");
    const create = (config: Record<string, unknown>) => ws.call("POST", "/api/v1/task", { serials: ["x"], script_name: "post", script_config: config });
    expectApiError(await create({ material_list: [`lib:${theirs}`] }), 40001, new RegExp(`material_list: lib:${theirs} is not a material of this workspace's library`));
    expectApiError(await create({ material_list: [`lib:${image}`] }), 40001, new RegExp(`lib:${image} is an image, and content_type 0 posts a video`));
    expectApiError(await create({ material_list: ["lib:abc"] }), 40001, /material_list.*lib:<id>/);
  });

  it("fail the task at dispatch with 1004 when the material was deleted after the create", async () => {
    const ws = await createTestWorkspace();
    const id = await upload(ws, mp4(300, 8), "video/mp4");
    const [task] = await post(ws, ["lib-gone"], { material_list: [`lib:${id}`] });
    expect((await ws.call("DELETE", `/api/v1/materials/${id}`)).code).toBe(0);
    const agent = await connectAgent(ws.agentToken, "lib-gone");
    await roundTrip(agent);
    expect(await storedTask(task!)).toMatchObject({ status: 3, failCode: 1004, remark: expect.stringMatching(`lib:${id}, which is no longer in the material library`) });
    expect(runsOf(agent)).toEqual([]);
  });
});
