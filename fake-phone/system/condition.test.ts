import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/test-harness.js";
import { PhoneCondition } from "./condition.js";
import { type DeviceProfile, GALAXY_A, PIXEL_7 } from "./device-profile.js";

const harness = useHarness();
const GiB = 1024 ** 3;
const ANDROID_6: DeviceProfile = { ...PIXEL_7, name: "android-6", sdk: 23 };
const ANDROID_10: DeviceProfile = { ...PIXEL_7, name: "android-10", sdk: 29 };

describe("dumpsys battery", () => {
  it("prints BatteryService's lines of the phone's release", async () => {
    const phone = await harness.phone({ condition: { batteryLevel: 85, plugged: "usb", batteryTemperatureC: 31.5 } });
    const dump = await phone.ok("dumpsys battery");
    expect(dump.split("\n").slice(0, 4)).toEqual(["Current Battery Service state:", "  AC powered: false", "  USB powered: true", "  Wireless powered: false"]);
    for (const line of ["  Dock powered: false", "  status: 2", "  present: true", "  level: 85", "  scale: 100", "  temperature: 315", "  Charging state: 1"]) {
      expect(dump).toContain(`${line}\n`);
    }
    const old = await (await harness.phone({ profile: ANDROID_6 })).ok("dumpsys battery");
    expect(old).not.toMatch(/Dock powered|Max charging current|Charging state/);
    expect(old).toContain("  level: 80\n");
  });

  it("says full on the charger at the top, discharging off it, not charging when paused", async () => {
    const shell = await harness.phone({ condition: { batteryLevel: 100, plugged: "ac" } });
    expect(await shell.ok("dumpsys battery")).toMatch(/AC powered: true\n[\s\S]*status: 5\n/);
    shell.phone.condition.set({ batteryLevel: 30, plugged: "none" });
    expect(await shell.ok("dumpsys battery")).toMatch(/USB powered: false\n[\s\S]*status: 3\n/);
    shell.phone.condition.set({ plugged: "wireless", chargingPaused: true, batteryTemperatureC: 56 });
    expect(await shell.ok("dumpsys battery")).toMatch(/Wireless powered: true\n[\s\S]*status: 4\n  health: 3\n[\s\S]*temperature: 560\n/);
  });

  it("adds Samsung's lines after AOSP's on a Galaxy, some not indented", async () => {
    const dump = await (await harness.phone({ profile: GALAXY_A })).ok("dumpsys battery");
    expect(dump.indexOf("  technology: Li-ion")).toBeLessThan(dump.indexOf("  LED Charging: true"));
    expect(dump).toContain("  Charge counter: 3200000\n");
    expect(dump).toContain("  charge counter: 3200000\n");
    expect(dump).toContain("\nFEATURE_WIRELESS_FAST_CHARGER_CONTROL: false\n");
  });

  it("has no battery service to dump on a board without one", async () => {
    const phone = await harness.phone({ condition: { batteryService: false } });
    expect(await phone.run("dumpsys battery")).toEqual({ stdout: "", stderr: "Can't find service: battery\n", exitCode: 0 });
  });
});

describe("dumpsys power and the power keys", () => {
  it("prints the wakefulness and the display's state, which the keys change", async () => {
    const phone = await harness.phone();
    const state = async (): Promise<string[]> => {
      const dump = await phone.ok("dumpsys power");
      return [/^  mWakefulness=(\w+)$/m.exec(dump)?.[1] ?? "", /^Display Power: state=(\w+)$/m.exec(dump)?.[1] ?? ""];
    };
    expect(await phone.ok("dumpsys power")).toMatch(/^POWER MANAGER \(dumpsys power\)\n\nPower Manager State:\n[\s\S]*  mWakefulness=Awake\n  mWakefulnessChanging=false\n/);
    expect(await state()).toEqual(["Awake", "ON"]);
    await phone.ok("input keyevent KEYCODE_SLEEP");
    expect(await state()).toEqual(["Asleep", "OFF"]);
    await phone.ok("input keyevent 224");
    expect(await state()).toEqual(["Awake", "ON"]);
    await phone.ok("input keyevent 26");
    expect(await state()).toEqual(["Asleep", "OFF"]);
    phone.phone.condition.set({ wakefulness: "Dozing" });
    expect(await state()).toEqual(["Dozing", "DOZE"]);
    await phone.ok("input keyevent KEYCODE_POWER");
    expect(await state()).toEqual(["Awake", "ON"]);
  });
});

describe("df", () => {
  it("answers as toybox on Android 7+: 1K blocks, the mount /sdcard is on", async () => {
    const phone = await harness.phone({ condition: { storageTotalBytes: 52 * GiB, storageFreeBytes: 11 * GiB } });
    expect(await phone.run("df -k /sdcard")).toEqual({
      stdout: ["Filesystem     1K-blocks     Used Available Use% Mounted on", "/dev/fuse       54525952 42860544  11534336  79% /storage/emulated", ""].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    expect(await phone.ok("df -h /sdcard")).toBe("Filesystem     Size  Used Avail Use% Mounted on\n/dev/fuse       52G   41G   11G  79% /storage/emulated\n");
    expect(await phone.ok("df -P /sdcard")).toMatch(/^Filesystem     512-blocks +Used +Available Capacity Mounted on\n\/dev\/fuse +109051904 +85721088 +23068672 +79% \/storage\/emulated\n$/);
    expect(await phone.run("df /sdcard/nothing")).toEqual({ stdout: "", stderr: "df: '/sdcard/nothing': No such file or directory\n", exitCode: 1 });
    expect(await (await harness.phone({ profile: ANDROID_10 })).ok("df /sdcard")).toMatch(/^\/data\/media +\d+ +\d+ +\d+ +\d+% \/storage\/emulated$/m);
  });

  it("answers as toolbox before: human sizes, and -k taken for a path", async () => {
    const phone = await harness.phone({ profile: ANDROID_6, condition: { storageTotalBytes: 52 * GiB, storageFreeBytes: 11 * GiB } });
    expect(await phone.run("df -k /sdcard")).toEqual({
      stdout: "Filesystem               Size     Used     Free   Blksize\n/sdcard                 52.0G    40.9G    11.1G   4096\n",
      stderr: "-k: No such file or directory\n",
      exitCode: 1,
    });
  });

  it("counts the files the phone holds out of its free space", async () => {
    const phone = await harness.phone({ condition: { storageFreeBytes: GiB } });
    const available = async (): Promise<number> => Number((await phone.ok("df /sdcard")).split("\n")[1]?.trim().split(/\s+/)[3]);
    expect(await available()).toBe(1024 * 1024);
    await phone.push(Buffer.alloc(8 * 1024 * 1024), "/sdcard/DCIM/Camera/clip.mp4");
    expect(await available()).toBe(1024 * 1024 - 8 * 1024);
  });
});

describe("PhoneCondition", () => {
  it("refuses a condition no phone has", () => {
    const condition = new PhoneCondition();
    expect(() => condition.set({ batteryLevel: 101 })).toThrow(RangeError);
    expect(() => condition.set({ storageFreeBytes: condition.storageTotalBytes + 1 })).toThrow(RangeError);
    expect(condition.batteryLevel).toBe(80);
  });
});
