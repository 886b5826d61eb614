import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePhone } from "../../fake-phone";
import { TestAdbServer } from "../../fake-phone/testing";
import { PhoneTracker } from "./phone-tracker";

let adb: TestAdbServer;
let phone: FakePhone;
let tracker: PhoneTracker;
const events: string[] = [];

beforeAll(async () => {
  adb = await TestAdbServer.start();
  phone = await FakePhone.start();
  tracker = new PhoneTracker({ host: "127.0.0.1", port: adb.port, reconcileMs: 500, backoff: { initialMs: 200, maxMs: 1_000, jitter: 0 } });
  tracker.on("online", (serial) => events.push(`online ${serial}`));
  tracker.on("offline", (serial) => events.push(`offline ${serial}`));
  tracker.start();
});

afterAll(async () => {
  // The tracker first: once the server is gone, adbkit would start it again on reconnect.
  tracker.stop();
  await phone.stop();
  await adb.kill();
});

describe("PhoneTracker against the real adb server", () => {
  it("reports a phone connected with adb connect as online", async () => {
    expect((await adb.run(["connect", phone.serial])).stdout).toContain("connected to");
    await until(() => events.at(-1) === `online ${phone.serial}`);
    expect(tracker.phones).toEqual([phone.serial]);
  });

  it("reports it offline after adb disconnect", async () => {
    expect((await adb.run(["disconnect", phone.serial])).exitCode).toBe(0);
    await until(() => events.at(-1) === `offline ${phone.serial}`);
    expect(tracker.phones).toEqual([]);
  });

  it("reports it online again after the adb server restarts on the same port", async () => {
    expect((await adb.run(["connect", phone.serial])).stdout).toContain("connected to");
    await until(() => events.at(-1) === `online ${phone.serial}`);
    const before = events.length;
    await adb.kill();
    await until(() => events.at(-1) === `offline ${phone.serial}`);
    // The tracker's own reconnect may already have started the server (adbkit does that on
    // ECONNREFUSED); starting it again is harmless.
    expect((await adb.run(["start-server"], 20_000)).exitCode).toBe(0);
    expect((await adb.run(["connect", phone.serial])).stdout).toContain("connected to");
    await until(() => events.at(-1) === `online ${phone.serial}`);
    expect(events.slice(before)).toEqual([`offline ${phone.serial}`, `online ${phone.serial}`]);
  });

  it("notices a phone whose connection dropped, which track-devices does not report", async () => {
    const dropping = await FakePhone.start();
    const serial = dropping.serial;
    try {
      expect((await adb.run(["connect", serial])).stdout).toContain("connected to");
      await until(() => events.includes(`online ${serial}`));
      // Closing the phone's side leaves it listed "offline" with no tracker event for ~60 s.
      await dropping.stop();
      await until(() => events.at(-1) === `offline ${serial}`, 5_000);
    } finally {
      await adb.run(["disconnect", serial]);
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms; events: ${events.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
