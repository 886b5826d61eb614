import { SELF } from "cloudflare:test";
import { seedAccount } from "../account-fixture";
import { addTaskLog, completed, createTasks, failed, setTaskState } from "../task-fixture";
import { addCredential, createTestWorkspace, type TestWorkspace } from "../workspace-fixture";
import { type FuzzCredentials, KeyRing } from "./key-ring";

/**
 * The world a fuzz run works in: a Pro workspace with tasks in every state, accounts,
 * logs and a screenshot, so that valid ids exist and routes get past their look-ups; a
 * second workspace whose ids are mixed in, which must stay out of reach; and a Starter
 * workspace for the plan gate.
 */
export interface FuzzWorld {
  ws: TestWorkspace;
  other: TestWorkspace;
  creds: FuzzCredentials;
  taskIds: number[];
  otherTaskId: number;
  accountIds: number[];
  otherAccountId: number;
  usernames: string[];
  materialIds: number[];
  otherMaterialId: number;
  uploadIds: string[];
}

export const SERIALS = ["fz-1", "fz-2", "192.168.1.5:5555"];

export async function createFuzzWorld(requests: number): Promise<FuzzWorld> {
  const ws = await createTestWorkspace();
  const other = await createTestWorkspace();
  const starter = await createTestWorkspace({ plan: "starter" });
  const keys = [ws.apiKey];
  for (let i = 1; i < KeyRing.sizeFor(requests); i++) keys.push(await addCredential(ws.id, "api_key"));

  const usernames = ["fz_alice", "fz_bob", "fz_carol"];
  const accountIds: number[] = [];
  for (const [i, username] of usernames.entries()) {
    accountIds.push(await seedAccount(ws.id, { username, device: SERIALS[i % SERIALS.length] ?? null }));
  }
  const otherAccountId = await seedAccount(other.id, { username: "fz_other", device: "fz-1" });

  const taskIds = await createTasks(ws, Array.from({ length: 30 }, (_, i) => SERIALS[i % SERIALS.length] as string));
  for (const [i, id] of taskIds.entries()) {
    if (i % 3 === 1) await setTaskState(id, failed);
    if (i % 6 === 2) await setTaskState(id, completed);
    if (i % 2 === 0) await addTaskLog(ws.id, id);
  }
  const [otherTaskId] = await createTasks(other, ["fz-1"]);
  if (otherTaskId === undefined) throw new Error("no task made for the other workspace");
  await setTaskState(otherTaskId, failed);
  const screenshotOf = taskIds[0];
  if (screenshotOf !== undefined) await uploadScreenshot(ws.agentToken, screenshotOf);
  const materialIds = [await uploadMaterial(ws, 1, "summer"), await uploadMaterial(ws, 2, "winter"), await uploadMaterial(ws, 3, "summer")];
  const otherMaterialId = await uploadMaterial(other, 4, "summer");
  const uploadIds = [await startUpload(ws), await startUpload(ws)];

  return {
    ws,
    other,
    creds: { apiKeys: new KeyRing(keys), agentToken: ws.agentToken, starterApiKey: starter.apiKey, starterAgentToken: starter.agentToken },
    taskIds,
    otherTaskId,
    accountIds,
    otherAccountId,
    usernames,
    materialIds,
    otherMaterialId,
    uploadIds,
  };
}

/** A small file the library takes (an MP4's first bytes), distinct per `seed`. */
async function uploadMaterial(ws: TestWorkspace, seed: number, tag: string): Promise<number> {
  const bytes = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, seed, seed, seed, seed]);
  const answer = await ws.call("POST", `/api/v1/materials?tags=${tag}`, bytes, { "content-type": "video/mp4" });
  if (answer.code !== 0) throw new Error(`material upload answered ${answer.code}: ${answer.message}`);
  return answer.data.id as number;
}

async function startUpload(ws: TestWorkspace): Promise<string> {
  const answer = await ws.call("POST", "/api/v1/materials/uploads", { content_type: "video/mp4", size: 6 * 1024 * 1024 });
  if (answer.code !== 0) throw new Error(`upload start answered ${answer.code}: ${answer.message}`);
  return answer.data.upload_id as string;
}

async function uploadScreenshot(agentToken: string, taskId: number): Promise<void> {
  const response = await SELF.fetch(`https://api.test/api/v1/agent/tasks/${taskId}/screenshot`, {
    method: "PUT",
    headers: { authorization: `Bearer ${agentToken}`, "content-type": "image/png" },
    body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  });
  if (response.status !== 200) throw new Error(`screenshot upload answered ${response.status}: ${await response.text()}`);
}
