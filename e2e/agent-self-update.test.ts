import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { AGENT_VERSION } from "../agent/version";
import { TikTokApp } from "../fake-phone";
import { binOf, copyInstall } from "./agent-build";
import { Studio } from "./system";
import { startWorkerFront, type WorkerFront } from "./worker-front";

/**
 * The agent's update as a studio PC lives it: the installed package under `tikmatrix-agent
 * service-run` (the supervisor the Windows task starts), against wrangler dev and a fake phone
 * behind the real adb server. While a post uploads, the Worker starts serving a newer build
 * (e2e/worker-front.ts plays its static assets) and the network to the server drops, as it may
 * at any moment. The agent lets the post finish, swaps its package, exits 75 and is started
 * again at once by the supervisor as the new version; the post's result, which could not be
 * sent, is in the outbox in the state directory across the swap and is delivered after the
 * restart; the task queued meanwhile runs on the new version.
 */
const build = inject("agentBuild");
const NEWER = build.newer.version;
/** Long enough for the update to be found and the drain to begin before the post's upload ends. */
const UPLOAD_MS = 8_000;
const app = new TikTokApp({ uploadMs: UPLOAD_MS });
let dir: string;
let front: WorkerFront | undefined;
let studio: Studio | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-self-update-"));
  // A copy of its own: the update replaces the package folder the other files run.
  const installDir = await copyInstall(build, join(dir, "install"));
  studio = await Studio.start([app], {
    agentProgram: [binOf(installDir), "service-run"],
    agentServer: async (relay) => (front = await startWorkerFront(relay)).url,
  });
}, 180_000);

afterAll(async () => {
  // The supervisor and the agent it starts are one process group, which Studio.stop ends.
  await studio?.stop();
  await front?.close();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe("the agent updating itself under its service", () => {
  test("a newer build served while a post uploads: the post ends first, the supervisor starts the new version, the result kept in the outbox is delivered, and the queued task runs on the new version", async () => {
    if (studio === undefined || front === undefined) throw new Error("beforeAll starts the studio");
    const s = studio;
    const { serial } = s.phones[0]!;
    const said = (text: string) => async () => (s.agent.output().includes(text) ? true : undefined);
    const [before, after] = [await s.material("before-update.mp4"), await s.material("after-update.mp4")];
    const [first] = await s.post([serial], { material_list: [before.path] });

    await s.until(async () => (app.posts.length === 1 ? true : undefined), "the phone posts");
    // Cut before the upload ends, so the result the agent writes then cannot reach the server.
    s.network.cut();
    front.publish(NEWER, await readFile(build.newer.tarball));
    await s.until(said(`updating ${AGENT_VERSION} -> ${NEWER}: waiting for the phones' running tasks to end`), "the agent drains for the newer build");
    expect(Date.now(), "the drain began while the post still uploaded").toBeLessThan(app.posts[0]!.at + UPLOAD_MS);
    const [queued] = await s.post([serial], { material_list: [after.path] });

    // Exit 75 (RESTART_EXIT_CODE), which alone the supervisor answers so, and the new version up.
    await s.until(said("[service] the agent asked to be restarted"), "the agent exits for its restart", 60_000);
    await s.until(said(`tikmatrix-agent ${NEWER} (Node`), "the supervisor starts the new version");
    // The swap left the state directory alone: the result waits there, unsent.
    expect(await outboxFiles(s.agentStateDir, serial)).toContainEqual(expect.stringMatching(new RegExp(`^${first}\\..+\\.result\\.json$`)));
    expect((await s.task(first!)).status).toBe(1);
    expect(app.posts).toHaveLength(1);

    const restoredAt = Date.now();
    s.network.restore();
    expect(await s.ended(first!), s.diagnostics()).toMatchObject({ status: 2, fail_code: null, retry_count: 0 });
    await s.until(async () => ((await outboxFiles(s.agentStateDir, serial)).length === 0 ? true : undefined), "the outbox is empty (acked)");
    expect(await s.ended(queued!), s.diagnostics()).toMatchObject({ status: 2, retry_count: 0 });
    expect(app.posts).toHaveLength(2);
    expect(app.posts[1]!.media[0]?.data.equals(after.data)).toBe(true);
    expect(app.posts[1]!.at).toBeGreaterThan(restoredAt);

    const { devices } = (await s.api("GET", "/devices")) as { devices: Array<{ serial: string; online: boolean; agent_version: string }> };
    expect(devices.find((device) => device.serial === serial)).toMatchObject({ online: true, agent_version: NEWER });
    // One supervisor throughout; the log file in the state directory has both agents' starts, in order.
    expect(s.agent.exitStatus()).toBeUndefined();
    const log = await readFile(join(s.agentStateDir, "logs", "agent.log"), "utf8");
    expect(log.indexOf(`tikmatrix-agent ${AGENT_VERSION} (Node`)).toBeGreaterThanOrEqual(0);
    expect(log.indexOf(`tikmatrix-agent ${NEWER} (Node`)).toBeGreaterThan(log.indexOf(`installed ${NEWER}; restarting`));
  }, 150_000);
});

/** The files of one phone's outbox (agent/outbox.ts: one file per result or log line). */
async function outboxFiles(stateDir: string, serial: string): Promise<string[]> {
  return readdir(join(stateDir, "outbox", Buffer.from(serial, "utf8").toString("base64url"))).catch(() => []);
}
