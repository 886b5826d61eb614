import type { Client } from "@devicefarmer/adbkit";
import { FakePhone } from "../../fake-phone";
import type { TestAdbServer } from "../../fake-phone/testing";
import type { Cleanup } from "./cleanup";
import { startPrivateAdb } from "./private-adb";

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
 * add() attaches more later. The phones live in this process (for a section that measures
 * something else in this process, see phone-process-rack.ts); the adb CLI is only ever
 * run asynchronously, since a synchronous call would block the event loop that serves the
 * phones (docs/benchmarks.md).
 */
export async function startPhoneRack(count: number, cleanup: Cleanup, signal: AbortSignal): Promise<PhoneRack> {
  const server = await startPrivateAdb(cleanup);
  const phones: FakePhone[] = [];
  // After the server's step, so the cleanup stops the phones first.
  const step = cleanup.add(
    "the fake phones",
    async () => {
      await Promise.all(phones.map((phone) => phone.stop()));
    },
    () => {
      // The exit hook: stop() closes the phones' sockets synchronously, so the phones no
      // longer need this event loop when the server's hook then blocks it on the CLI.
      for (const phone of phones) void phone.stop();
    },
  );
  const add = async (more: number): Promise<FakePhone[]> => {
    const added: FakePhone[] = [];
    for (let i = 0; i < more; i++) {
      signal.throwIfAborted();
      const phone = await FakePhone.start();
      // In the rack's list at once, so the cleanup stops it whatever happens next.
      phones.push(phone);
      added.push(phone);
    }
    await server.attach(added.map((phone) => phone.serial), signal);
    return added;
  };
  await add(count);
  return {
    adb: server.adb,
    client: server.client,
    phones,
    add,
    stop: async () => {
      await step.release();
      await server.stop();
    },
  };
}
