import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { Client } from "@devicefarmer/adbkit";
import { Adb } from "../../agent/adb/adbkit";
import { withDeadline } from "../../agent/adb/deadline";
import { FakePhone } from "../../fake-phone";
import { TestAdbServer } from "../../fake-phone/testing";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

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
  /** Every phone attached so far, in the order they were added. */
  phones: FakePhone[];
  /** `count` more fake phones, attached and listed as "device" like the first ones; resolves with them. */
  add(count: number): Promise<FakePhone[]>;
  /** Stops the phones, then the adb server. */
  stop(): Promise<void>;
}

/**
 * A private adb server with `count` fake phones (fake-phone/) attached by
 * `adb connect 127.0.0.1:PORT` and listed as "device", as the agent's tests attach them;
 * add() attaches more later. The phones live in this process; the adb CLI is only ever
 * run asynchronously, since a synchronous call would block the event loop that serves the
 * phones (docs/benchmarks.md).
 */
export async function startPhoneRack(count: number, cleanup: Cleanup, signal: AbortSignal): Promise<PhoneRack> {
  const adb = await TestAdbServer.start();
  const phones: FakePhone[] = [];
  const step = cleanup.add(
    "adb server and its fake phones",
    async () => {
      await Promise.all(phones.map((phone) => phone.stop()));
      await adb.kill();
    },
    () => {
      // The exit hook: stop() closes the phones' sockets synchronously, so the phones no
      // longer need this event loop when the CLI blocks it.
      for (const phone of phones) void phone.stop();
      spawnSync("adb", ["-P", String(adb.port), "kill-server"], { timeout: 5_000, stdio: "ignore" });
    },
  );
  const client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  const add = async (more: number): Promise<FakePhone[]> => {
    const added: FakePhone[] = [];
    for (let i = 0; i < more; i++) {
      signal.throwIfAborted();
      const phone = await FakePhone.start();
      // In the rack's list at once, so the cleanup stops it whatever happens next.
      phones.push(phone);
      added.push(phone);
    }
    const queue = [...added];
    const connect = async () => {
      for (let phone = queue.shift(); phone !== undefined; phone = queue.shift()) {
        signal.throwIfAborted();
        const connected = await adb.run(["connect", phone.serial]);
        if (!connected.stdout.includes("connected to")) {
          throw new BenchFailure(`adb connect ${phone.serial} failed: ${(connected.stdout + connected.stderr).trim()}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, more) }, connect));
    await waitUntilListed(client, added, signal);
    return added;
  };
  await add(count);
  return { adb, client, phones, add, stop: () => step.release() };
}

/** The server lists a new network device "offline" first, then "device" once CNXN is answered. */
async function waitUntilListed(client: Client, phones: readonly FakePhone[], signal: AbortSignal): Promise<void> {
  const wanted = new Set(phones.map((phone) => phone.serial));
  const deadline = Date.now() + ONLINE_TIMEOUT_MS;
  for (;;) {
    signal.throwIfAborted();
    const devices = await withDeadline("adb devices", ADB_CALL_MS, client.listDevices());
    const ready = devices.filter((d) => wanted.has(d.id) && d.type === "device").length;
    if (ready === wanted.size) return;
    if (Date.now() > deadline) {
      throw new BenchFailure(`${ready} of ${wanted.size} fake phones listed as "device" after ${ONLINE_TIMEOUT_MS / 1000} s`);
    }
    await sleep(50);
  }
}
