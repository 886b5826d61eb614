import { describe, expect, it } from "vitest";
import { parseBatteryDump } from "./battery";
import { parseScreenOn } from "./screen";
import { parseDfFree } from "./storage";

// Outputs as published from real phones (blog posts and public code comments), so the
// parsers are held to more than the fake phone's model of them.

describe("parseBatteryDump", () => {
  it("reads a full phone on USB (Android 8–12 lines)", () => {
    const dump = [
      "Current Battery Service state:",
      "  AC powered: false",
      "  USB powered: true",
      "  Wireless powered: false",
      "  Max charging current: 500000",
      "  Max charging voltage: 5000000",
      "  Charge counter: 3270000",
      "  status: 5",
      "  health: 2",
      "  present: true",
      "  level: 100",
      "  scale: 100",
      "  voltage: 4352",
      "  temperature: 274",
      "  technology: Li-ion",
      "",
    ].join("\n");
    expect(parseBatteryDump(dump)).toEqual({ level: 100, charging: true, temperatureC: 27.4 });
  });

  it("takes status 2 as charging, and reads below zero", () => {
    const dump = "Current Battery Service state:\n  AC powered: false\n  USB powered: false\n  status: 2\n  level: 15\n  temperature: -40\n";
    expect(parseBatteryDump(dump)).toEqual({ level: 15, charging: true, temperatureC: -4 });
  });

  it("reads values set by `dumpsys battery set` like any others", () => {
    const dump = "Current Battery Service state:\n  (UPDATES STOPPED -- use 'reset' to restart)\n  AC powered: false\n  USB powered: false\n  Wireless powered: false\n  status: 3\n  level: 9\n  scale: 100\n  temperature: 301\n";
    expect(parseBatteryDump(dump)).toEqual({ level: 9, charging: false, temperatureC: 30.1 });
  });

  it("says nothing without the service, or without numbers", () => {
    expect(parseBatteryDump("")).toEqual({ level: null, charging: null, temperatureC: null });
    expect(parseBatteryDump("Can't find service: battery\n")).toEqual({ level: null, charging: null, temperatureC: null });
    expect(parseBatteryDump("Current Battery Service state:\n  level: high\n  scale: 0\n  temperature: 9999\n")).toEqual({ level: null, charging: null, temperatureC: null });
  });
});

describe("parseScreenOn", () => {
  it("reads mWakefulness, not mWakefulnessChanging", () => {
    expect(parseScreenOn("Power Manager State:\n  mDirty=0x0\n  mWakefulness=Dozing\n  mWakefulnessChanging=false\n  mIsPowered=true\n")).toBe(false);
    expect(parseScreenOn("Power Manager State:\n  mWakefulnessChanging=true\n  mWakefulness=Awake\n")).toBe(true);
    expect(parseScreenOn("  mWakefulness=Dreaming\n")).toBe(true);
    expect(parseScreenOn("  mWakefulness=Asleep\n")).toBe(false);
  });

  it("falls back on the display's state, else says nothing", () => {
    expect(parseScreenOn("Suspend Blockers: size=4\n\nDisplay Power: state=ON\n")).toBe(true);
    expect(parseScreenOn("Display Power: state=DOZE_SUSPEND\n")).toBe(false);
    expect(parseScreenOn("Permission Denial: can't dump PowerManager from from pid=1, uid=2000\n")).toBeNull();
  });
});

describe("parseDfFree", () => {
  it("reads toybox's 1K blocks (Android 7+)", () => {
    const df = "Filesystem            1K-blocks     Used Available Use% Mounted on\n/dev/block/mmcblk0p87  51320796 21546708  29774088  42% /data\n";
    expect(parseDfFree(df)).toBe(29_774_088 * 1024);
  });

  it("reads toolbox's sizes, with or without a tenth (Android 6 and before)", () => {
    expect(parseDfFree("Filesystem               Size     Used     Free   Blksize\n/mnt/sdcard             21.2G   912.8M    20.3G   32768\n")).toBe(Math.round(20.3 * 1024 ** 3));
    expect(parseDfFree("Filesystem               Size     Used     Free   Blksize\n/mnt/shell/emulated     12G     8.5G     3.5G   4096\n")).toBe(Math.round(3.5 * 1024 ** 3));
  });

  it("reads a device name pushed onto its own line, 512-byte blocks and human sizes", () => {
    expect(parseDfFree("Filesystem           1K-blocks      Used Available Use% Mounted on\n/dev/block/bootdevice/by-name/userdata\n                      25000000  20000000   5000000  80% /data\n")).toBe(5_000_000 * 1024);
    expect(parseDfFree("Filesystem     512-blocks   Used Available Capacity Mounted on\n/dev/fuse        1000 600 400 60% /storage/emulated\n")).toBe(400 * 512);
    expect(parseDfFree("Filesystem      Size  Used Avail Use% Mounted on\n/dev/fuse        52G   41G   11G  79% /storage/emulated\n")).toBe(11 * 1024 ** 3);
  });

  it("says nothing for an error or a line it cannot read", () => {
    expect(parseDfFree("")).toBeNull();
    expect(parseDfFree("df: '/sdcard': Permission denied\n")).toBeNull();
    expect(parseDfFree("Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/fuse 100 50 lots 50% /storage/emulated\n")).toBeNull();
  });
});
