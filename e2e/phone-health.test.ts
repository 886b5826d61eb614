import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TikTokApp } from "../fake-phone";
import { Studio } from "./system";

/**
 * Phone health through the real agent program: every phone the adb server lists shows in
 * GET /devices with its adb state (one whose USB-debugging prompt nobody accepted too), ready
 * ones with their battery, temperature, screen, storage and app versions, and a phone too hot
 * is given no task until it cools down.
 */
let studio: Studio;

interface Device {
  serial: string;
  online: boolean;
  ready: boolean;
  adb_state: string | null;
  not_ready_reason: string | null;
  health: { battery_level: number | null; charging: boolean | null; battery_temperature_c: number | null; screen_on: boolean | null; storage_free_bytes: number | null; apps: { package: string; version: string }[] } | null;
}

async function devices(): Promise<Device[]> {
  return ((await studio.api("GET", "/devices?page_size=100")) as { devices: Device[] }).devices;
}

beforeAll(async () => {
  studio = await Studio.start([new TikTokApp(), new TikTokApp(), new TikTokApp()], {
    phones: [{ condition: { batteryLevel: 76, plugged: "usb" } }, { condition: { batteryTemperatureC: 48.5 } }, { usbDebugging: "prompt" }],
  });
}, 180_000);

afterAll(async () => {
  await studio?.stop();
}, 60_000);

describe("phone health through the agent", () => {
  test("every listed phone is in the device list with its adb state; ready ones with their condition", async () => {
    const [ok, hot, locked] = studio.phones;
    await studio.until(async () => {
      const list = await devices();
      const byId = (serial: string) => list.find((d) => d.serial === serial);
      return byId(locked!.serial)?.adb_state === "unauthorized" && byId(ok!.serial)?.health !== null && byId(hot!.serial)?.ready === false ? list : undefined;
    }, "the devices list shows health and adb states", 60_000);
    const list = await devices();
    const ready = list.find((d) => d.serial === ok!.serial);
    expect(ready).toMatchObject({ online: true, ready: true, adb_state: "device", not_ready_reason: null });
    expect(ready?.health).toMatchObject({ battery_level: 76, charging: true, battery_temperature_c: expect.any(Number), screen_on: true, storage_free_bytes: expect.any(Number) });
    expect(ready?.health?.apps.map((a) => a.package)).toContain("com.zhiliaoapp.musically");
    expect(list.find((d) => d.serial === hot!.serial)).toMatchObject({ online: true, ready: false, not_ready_reason: expect.stringContaining("48.5 °C") });
    expect(list.find((d) => d.serial === locked!.serial)).toMatchObject({ online: false, ready: false, adb_state: "unauthorized", health: null });
  }, 90_000);

  test("a hot phone is given no task while the phone beside it runs one", async () => {
    const [ok, hot] = studio.phones;
    const video = await studio.material("hot.mp4");
    const [cool = 0, waiting = 0] = await studio.post([ok!.serial, hot!.serial], { material_list: [video.path] });
    expect((await studio.ended(cool, 90_000)).status, studio.diagnostics()).toBe(2);
    // The cooled phone's next report (a minute at most) starts it: worker/device/health.test.ts.
    expect((await studio.task(waiting)).status).toBe(0);
    expect(hot!.phone.received.some((c) => c.line.includes("am start"))).toBe(false);
  }, 120_000);
});
