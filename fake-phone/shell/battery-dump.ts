import type { DeviceProfile } from "../system/device-profile.js";
import type { PhoneCondition } from "../system/condition.js";

// `dumpsys battery`: BatteryService.dumpInternal (frameworks/base services/core/java/com/
// android/server/BatteryService.java). The lines came by release: "Max charging current",
// "Max charging voltage" and "Charge counter" with Android 7–8 (BatteryProperties), "Dock
// powered" with the AIDL health HAL (13), "Charging state" and "Charging policy" after it
// (taken from 14: the harder case of more lines). `scale:` is the constant BATTERY_SCALE.
// Samsung's BatteryService adds its own lines after AOSP's, some not indented at all
// (FEATURE_…, LLB …), and a lower-case "charge counter" beside AOSP's "Charge counter".

const BATTERY_UAH = 4_000_000;

export function batteryDump(condition: PhoneCondition, profile: DeviceProfile): string {
  const sdk = profile.sdk;
  const online = (source: string): boolean => condition.plugged === source;
  const tenths = Math.round(condition.batteryTemperatureC * 10);
  const charging = condition.batteryStatus === 2;
  const maxCurrent = { none: 0, usb: 500_000, ac: 3_000_000, wireless: 1_000_000, dock: 1_500_000 }[condition.plugged];
  const counter = Math.round((BATTERY_UAH * condition.batteryLevel) / condition.batteryScale);
  const lines = [
    "Current Battery Service state:",
    `  AC powered: ${online("ac")}`,
    `  USB powered: ${online("usb")}`,
    `  Wireless powered: ${online("wireless")}`,
    ...(sdk >= 33 ? [`  Dock powered: ${online("dock")}`] : []),
    ...(sdk >= 24 ? [`  Max charging current: ${maxCurrent}`, `  Max charging voltage: ${maxCurrent === 0 ? 0 : 5_000_000}`, `  Charge counter: ${counter}`] : []),
    `  status: ${condition.batteryStatus}`,
    // BatteryManager.BATTERY_HEALTH_GOOD (2), OVERHEAT (3) past the usual 55 °C charge cut-off.
    `  health: ${tenths >= 550 ? 3 : 2}`,
    `  present: ${condition.batteryPresent}`,
    `  level: ${condition.batteryLevel}`,
    `  scale: ${condition.batteryScale}`,
    `  voltage: ${3_600 + Math.round((600 * condition.batteryLevel) / condition.batteryScale)}`,
    `  temperature: ${tenths}`,
    "  technology: Li-ion",
    ...(sdk >= 34 ? [`  Charging state: ${charging ? 1 : 0}`, "  Charging policy: 1"] : []),
    ...(profile.batteryDump === "samsung" ? samsungLines(condition, counter) : []),
  ];
  return `${lines.join("\n")}\n`;
}

// The strings of Samsung's BatteryService.dumpInternal (One UI services.jar, e.g. the
// galaxy-a16/SM-A166P dump): the order here is theirs as far as the decompiled code shows it.
function samsungLines(condition: PhoneCondition, counter: number): string[] {
  const current = condition.plugged === "none" ? -420 : condition.batteryStatus === 2 ? 1_150 : 0;
  return [
    "  LED Charging: true",
    "  LED Low Battery: true",
    `  current now: ${current}`,
    `  charge counter: ${counter}`,
    "  Adaptive Fast Charging Settings: true",
    "  Super Fast Charging Settings: false",
    `  mSecPlugTypeSummary: ${{ none: 0, ac: 1, usb: 2, wireless: 4, dock: 8 }[condition.plugged]}`,
    "FEATURE_WIRELESS_FAST_CHARGER_CONTROL: false",
    "  mWasUsedWirelessFastChargerPreviously: false",
    "  mWirelessFastChargingSettingsEnable: true",
    "LLB CAL: 20230114",
    "LLB MAN: 20221201",
    " The last voltage value sent via the battery changed broadcast: 4012",
  ];
}
