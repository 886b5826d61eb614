import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { approvePairing, PAIRING_MS } from "../../agents/pairing";
import { openDirectory } from "../../shards/directory";
import { connectAgent } from "../../test/agent-fixture";
import { page, sessionForm, signIn } from "../../test/web-fixture";
import { callApi, createTestWorkspace } from "../../test/workspace-fixture";

const start = (name?: string) => callApi("POST", "/api/v1/agent/pair", name === undefined ? {} : { name });
const poll = (token: string) => callApi("POST", "/api/v1/agent/pair/poll", { poll_token: token });

describe("pairing an agent without copying a token", () => {
  it("the agent shows a code; approved in the dashboard, its next poll gets an agent token of that workspace, once", async () => {
    const ws = await createTestWorkspace();
    const started = await start("STUDIO-PC-3");
    expect(started.code, started.message).toBe(0);
    expect(started.data).toMatchObject({ code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), poll_token: expect.stringMatching(/^tmp_/), poll_interval_ms: 2000 });
    const token = started.data.poll_token as string;
    expect((await poll(token)).data).toMatchObject({ status: "waiting" });

    const session = await signIn(ws);
    const typed = (started.data.code as string).toLowerCase().replace("-", " ");
    const approved = await page("/settings/agents", await sessionForm(session, [["code", typed]]));
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("Approved: the agent on STUDIO-PC-3 connects within seconds.");

    const answer = await poll(token);
    expect(answer.data).toMatchObject({ status: "approved", workspace: ws.id, token: expect.stringMatching(/^tma_/) });
    const agent = await connectAgent(answer.data.token as string, "paired-1");
    expect(agent.received[0]?.type).toBe("welcome");
    const row = await env.DB.prepare("select kind, name, workspace_id from credentials where workspace_id = ? and name like 'agent on %'").bind(ws.id).first();
    expect(row).toEqual({ kind: "agent_token", name: "agent on STUDIO-PC-3", workspace_id: ws.id });
    expect((await poll(token)).code).toBe(40401);
  });

  it("refuses an unknown, expired or already approved code, and a poll token that is not one", async () => {
    const ws = await createTestWorkspace();
    const db = openDirectory(env);
    await expect(approvePairing(db, ws.id, "ZZZZ-ZZZZ")).rejects.toThrow(/codes live 10 minutes/);
    const started = await start();
    const code = started.data.code as string;
    await approvePairing(db, ws.id, code);
    await expect(approvePairing(db, ws.id, code)).rejects.toThrow(/approved already/);
    const late = await start();
    await expect(approvePairing(db, ws.id, late.data.code as string, Date.now() + PAIRING_MS + 1)).rejects.toThrow(/codes live 10 minutes/);
    const bad = await poll("tmp_short");
    expect(bad.code).toBe(40001);
    expect(bad.message).toContain("poll_token");
    const session = await signIn(ws);
    const typo = await page("/settings/agents", await sessionForm(session, [["code", "abc"]]));
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain("is not a pairing code");
  });

  it("needs no credential, and an approval from another workspace's session puts the agent there, never here", async () => {
    const mine = await createTestWorkspace();
    const theirs = await createTestWorkspace();
    const started = await start("pc");
    const answer = await SELF.fetch("https://api.test/api/v1/agent/pair/poll", { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer nonsense" }, body: JSON.stringify({ poll_token: started.data.poll_token }) });
    expect(((await answer.json()) as { code: number }).code).toBe(0);
    await page("/settings/agents", await sessionForm(await signIn(theirs), [["code", started.data.code as string]]));
    expect((await poll(started.data.poll_token as string)).data.workspace).toBe(theirs.id);
    const count = await env.DB.prepare("select count(*) as n from credentials where workspace_id = ? and kind = 'agent_token'").bind(mine.id).first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});
