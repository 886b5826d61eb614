import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { Client } from "@devicefarmer/adbkit";
import { Adb } from "../../agent/adb/adbkit";
import { withDeadline } from "../../agent/adb/deadline";
import { TestAdbServer } from "../../fake-phone/testing";
import type { Cleanup } from "./cleanup";
import { BenchFailure } from "./failure";

/** From `adb connect` to the phone listed as "device": tens of milliseconds locally. */
const ONLINE_TIMEOUT_MS = 20_000;
/** `adb connect` runs at once for this many phones. */
const CONNECT_CONCURRENCY = 4;
/** Deadline of one adbkit call from the bench (adbkit has none by default). */
const ADB_CALL_MS = 10_000;

export interface PrivateAdb {
  /** A private adb server on its own 127.0.0.1 port, never the developer's 5037. */
  adb: TestAdbServer;
  /** An adbkit client of that server. */
  client: Client;
  /** `adb connect` to each serial (fake phones listening on 127.0.0.1), then waits until all are listed as "device". */
  attach(serials: readonly string[], signal: AbortSignal): Promise<void>;
  /** Kills the server (once; the cleanup's step). */
  stop(): Promise<void>;
}

/**
 * The adb server both phone racks attach their fake phones to (phone-rack.ts with the
 * phones in this process, phone-process-rack.ts with them in a child), registered with the
 * cleanup. Where the phones live is the caller's: it registers their own step after this
 * one, so they are stopped first (the cleanup runs last-in first-out).
 */
export async function startPrivateAdb(cleanup: Cleanup): Promise<PrivateAdb> {
  const adb = await TestAdbServer.start();
  const step = cleanup.add(
    "the private adb server",
    () => adb.kill(),
    () => {
      spawnSync("adb", ["-P", String(adb.port), "kill-server"], { timeout: 5_000, stdio: "ignore" });
    },
  );
  const client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  const attach = async (serials: readonly string[], signal: AbortSignal): Promise<void> => {
    const queue = [...serials];
    const connect = async () => {
      for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) {
        signal.throwIfAborted();
        const connected = await adb.run(["connect", serial]);
        if (!connected.stdout.includes("connected to")) {
          throw new BenchFailure(`adb connect ${serial} failed: ${(connected.stdout + connected.stderr).trim()}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, serials.length) }, connect));
    await waitUntilListed(client, serials, signal);
  };
  return { adb, client, attach, stop: () => step.release() };
}

/** The server lists a new network device "offline" first, then "device" once CNXN is answered. */
async function waitUntilListed(client: Client, serials: readonly string[], signal: AbortSignal): Promise<void> {
  const wanted = new Set(serials);
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
