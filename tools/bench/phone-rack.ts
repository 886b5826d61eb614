import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Client } from "@devicefarmer/adbkit";
import { Adb } from "../../agent/adb/adbkit";
import { withDeadline } from "../../agent/adb/deadline";
import { TestAdbServer } from "../../fake-phone/testing";
import { REPO_ROOT } from "../lib/repo";
import { startChild } from "./child-run";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";
import { type PhoneReply, phoneReply, type PhoneRequest, type StoredDigest } from "./phone-messages";

const ENTRY = join(REPO_ROOT, "tools", "bench", "phone-process.ts");
/** Node with tsx started and listening: a second or two on a loaded machine. */
const READY_TIMEOUT_MS = 30_000;
/** Starting 80 phones or hashing 50 MB in the phone process: a fraction of a second. */
const REQUEST_TIMEOUT_MS = 30_000;
/** The process's whole life, a bound only: sections 6 and 7 take a few minutes. */
const LIFETIME_MS = 30 * 60_000;
/** From `adb connect` to the phone listed as "device": tens of milliseconds locally. */
const ONLINE_TIMEOUT_MS = 20_000;
/** `adb connect` runs at once for this many phones. */
const CONNECT_CONCURRENCY = 4;
/** Deadline of one adbkit call from the bench (adbkit has none by default). */
const ADB_CALL_MS = 10_000;

export interface PhoneRack {
  /** A private adb server on its own 127.0.0.1 port, never the developer's 5037. */
  adb: TestAdbServer;
  /** An adbkit client of that server. */
  client: Client;
  /** Every phone's serial so far, in the order they were added, all listed as "device". */
  serials: string[];
  /** `count` more fake phones, attached and listed as "device" like the first ones; resolves with their serials. */
  add(count: number): Promise<string[]>;
  /** The size and SHA-256 of what phone `serial` stores at `path` (null: nothing), which it then removes. */
  take(serial: string, path: string): Promise<StoredDigest | null>;
  /** Closes the channel (the phone process stops its phones and exits), then stops the adb server. */
  stop(): Promise<void>;
}

/**
 * A private adb server with `count` fake phones (fake-phone/) attached by
 * `adb connect 127.0.0.1:PORT` and listed as "device", as the agent's tests attach them;
 * add() attaches more later. The phones run in a child Node process (phone-process.ts), so
 * that what this process measures does not share its event loop with the phones' side of
 * the transfer. The child is a child-run.ts child with an IPC channel: stopped with its
 * tree by the cleanup on failure or Ctrl-C, and ending by itself if this process dies (its
 * channel closes). The adb CLI is run asynchronously, except in the cleanup's exit hook.
 */
export async function startPhoneRack(count: number, cleanup: Cleanup, signal: AbortSignal): Promise<PhoneRack> {
  const adb = await TestAdbServer.start();
  const adbStep = cleanup.add("the private adb server", () => adb.kill(), () => {
    spawnSync("adb", ["-P", String(adb.port), "kill-server"], { timeout: 5_000, stdio: "ignore" });
  });
  const client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  // Started after the server, so the cleanup (last-in first-out) stops it first.
  const options = { cwd: REPO_ROOT, env: process.env, timeoutMs: LIFETIME_MS, ipc: true };
  const child = startChild("the phone process", process.execPath, ["--import", "tsx", ENTRY], options, cleanup, signal);
  // A message outside phone-messages.ts means the two sides disagree: the process is stopped, and this is why.
  let strange: BenchFailure | undefined;
  // Whatever ends the process: an early exit fails every request still waiting.
  const ended: Promise<Error> = child.finished.then(
    () => strange ?? new BenchFailure(`the phone process exited while the bench still needed it:\n${child.outputTail()}`),
    (error: unknown) => strange ?? (error instanceof Error ? error : new BenchFailure(String(error))),
  );
  const waiting = new Map<number | "ready", (reply: PhoneReply) => void>();
  child.process.on("message", (raw: unknown) => {
    const reply = phoneReply.safeParse(raw);
    if (!reply.success) {
      strange = new BenchFailure(`the phone process sent ${JSON.stringify(raw).slice(0, 200)}, not a reply of phone-messages.ts`);
      child.process.kill("SIGTERM");
      return;
    }
    waiting.get(reply.data.type === "ready" ? "ready" : reply.data.id)?.(reply.data);
  });

  /** The reply to request `id` ("ready": the process's start), unless the process ends first or `timeoutMs` passes. */
  const replyTo = async (id: number | "ready", what: string, timeoutMs: number): Promise<PhoneReply> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BenchFailure(`the phone process gave no answer to ${what} within ${timeoutMs / 1000} s:\n${child.outputTail()}`)), timeoutMs);
    });
    try {
      const reply = new Promise<PhoneReply>((resolve) => waiting.set(id, resolve));
      const got = await Promise.race([reply, late, ended.then((error) => Promise.reject(error))]);
      if (got.type === "failed") throw new BenchFailure(`the phone process could not ${what}: ${got.message}`);
      return got;
    } finally {
      clearTimeout(timer);
      waiting.delete(id);
    }
  };
  let nextId = 0;
  const ask = (what: string, request: PhoneRequest): Promise<PhoneReply> => {
    // Waiting before the send; with a callback a failed send is reported here, not as the child's "error" event.
    const reply = replyTo(request.id, what, REQUEST_TIMEOUT_MS);
    child.process.send(request, (error) => {
      if (error !== null) waiting.get(request.id)?.({ type: "failed", id: request.id, message: `the request was not sent: ${error.message}` });
    });
    return reply;
  };
  const serials: string[] = [];
  const add = async (more: number): Promise<string[]> => {
    const got = await ask(`start ${more} phones`, { type: "add", id: nextId++, count: more });
    if (got.type !== "added" || got.serials.length !== more) throw new BenchFailure(`the phone process answered ${JSON.stringify(got).slice(0, 200)} to add ${more}`);
    serials.push(...got.serials);
    await attach(adb, client, got.serials, signal);
    return got.serials;
  };
  const take = async (serial: string, path: string): Promise<StoredDigest | null> => {
    const got = await ask(`take ${path}`, { type: "take", id: nextId++, serial, path });
    if (got.type !== "taken") throw new BenchFailure(`the phone process answered take ${path} with ${got.type}`);
    return got.file;
  };
  const stop = async () => {
    try {
      if (child.process.connected) child.process.disconnect();
      await child.finished;
    } finally {
      await adbStep.release();
    }
  };

  try {
    await replyTo("ready", "its start", READY_TIMEOUT_MS);
    await add(count);
    return { adb, client, serials, add, take, stop };
  } catch (error) {
    // The cleanup would stop both too, but only at the bench's end; this section's failure ends them now.
    await stop().catch(() => undefined);
    throw error;
  }
}

/** `adb connect` to each serial (fake phones listening on 127.0.0.1), then waits until all are listed as "device". */
async function attach(adb: TestAdbServer, client: Client, serials: readonly string[], signal: AbortSignal): Promise<void> {
  const queue = [...serials];
  const connect = async () => {
    for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
      signal.throwIfAborted();
      const connected = await adb.run(["connect", serial]);
      if (!connected.stdout.includes("connected to")) throw new BenchFailure(`adb connect ${serial} failed: ${(connected.stdout + connected.stderr).trim()}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, serials.length) }, connect));
  // The server lists a new network device "offline" first, then "device" once CNXN is answered.
  const wanted = new Set(serials);
  const deadline = Date.now() + ONLINE_TIMEOUT_MS;
  for (;;) {
    signal.throwIfAborted();
    const devices = await withDeadline("adb devices", ADB_CALL_MS, client.listDevices());
    const ready = devices.filter((d) => wanted.has(d.id) && d.type === "device").length;
    if (ready === wanted.size) return;
    if (Date.now() > deadline) throw new BenchFailure(`${ready} of ${wanted.size} fake phones listed as "device" after ${ONLINE_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}
