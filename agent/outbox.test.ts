import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { LogMessage, ResultMessage } from "../shared/protocol/messages";
import { Outbox } from "./outbox";

const ATTEMPT = "attempt-0001";
const result: ResultMessage = { type: "result", task_id: 7, attempt_id: ATTEMPT, ok: true, fail_code: null, remark: "posted", posted: true, post_url: null, accounts: [] };
const line = (seq: number, taskId = 7): LogMessage => ({ type: "log", task_id: taskId, attempt_id: ATTEMPT, seq, at: 1_700_000_000_000 + seq, level: "info", message: `line ${seq}` });

let stateDir = "";
const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message) };
const open = () => Outbox.open(stateDir, "192.168.1.5:5555", log);

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "tikmatrix-agent-outbox-"));
  warnings.length = 0;
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("the outbox", () => {
  test("keeps entries across a restart, in send order: a task's lines by seq, then its result", async () => {
    const outbox = await open();
    await outbox.put(result);
    await outbox.put(line(10));
    await outbox.put(line(2));
    expect(await (await open()).pending()).toEqual([line(2), line(10), result]);
  });

  test("result_ack forgets the result and the log lines of that attempt only", async () => {
    const outbox = await open();
    await outbox.put(line(0));
    await outbox.put(result);
    await outbox.put(line(0, 8));
    await outbox.acked(7, ATTEMPT);
    expect(await outbox.pending()).toEqual([line(0, 8)]);
    await outbox.acked(7, ATTEMPT); // a second ack (a replay acked again) is harmless
  });

  test("after a crash mid-write the half-written file is ignored and the complete entry replayed once", async () => {
    const outbox = await open();
    await outbox.put(result);
    // What writeFileAtomic leaves when the process dies before its rename.
    const dir = join(stateDir, "outbox", Buffer.from("192.168.1.5:5555").toString("base64url"));
    const leftover = join(dir, ".tmp-8.YXR0ZW1wdC0wMDAy.result.json-abc123");
    await writeFile(leftover, '{"type":"result","task_id":8,"att');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await utimes(leftover, twoMinutesAgo, twoMinutesAgo);

    const restarted = await open();
    expect(await restarted.pending()).toEqual([result]);
    expect(await readdir(dir)).toHaveLength(1);
    await restarted.acked(result.task_id, result.attempt_id);
    expect(await (await open()).pending()).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test("a temporary file being written right now is neither read nor removed", async () => {
    const outbox = await open();
    const dir = join(stateDir, "outbox", Buffer.from("192.168.1.5:5555").toString("base64url"));
    const inFlight = join(dir, ".tmp-9.YXR0ZW1wdC0wMDAz.result.json-def456");
    await writeFile(inFlight, '{"type":"result"');
    expect(await outbox.pending()).toEqual([]);
    expect(await readdir(dir)).toEqual([".tmp-9.YXR0ZW1wdC0wMDAz.result.json-def456"]);
  });

  test("an entry that is not a protocol message is dropped with a warning", async () => {
    const outbox = await open();
    const dir = join(stateDir, "outbox", Buffer.from("192.168.1.5:5555").toString("base64url"));
    await writeFile(join(dir, "9.eA.result.json"), JSON.stringify({ type: "result", task_id: 9 }));
    expect(await outbox.pending()).toEqual([]);
    expect(warnings.join("\n")).toContain("not a result or log message");
    expect(await readdir(dir)).toEqual([]);
  });
});
