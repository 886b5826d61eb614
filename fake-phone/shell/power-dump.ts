import type { DeviceProfile } from "../system/device-profile.js";
import type { PhoneCondition } from "../system/condition.js";

// `dumpsys power`: PowerManagerService.dumpInternal (frameworks/base services/core/java/com/
// android/server/power/PowerManagerService.java). "mWakefulness=" is
// PowerManagerInternal.wakefulnessToString (Awake, Asleep, Dreaming, Dozing), followed by
// "mWakefulnessChanging=" (Android 5+), which a loose match on the name would also take;
// far below, "Display Power: state=" is DisplayPowerCallbacks.toString with
// Display.stateToString (ON, OFF, DOZE). Only a part of the real dump's hundreds of lines.

const PLUG_TYPE = { none: 0, ac: 1, usb: 2, wireless: 4, dock: 8 } as const;
const DISPLAY_STATE = { Awake: "ON", Dreaming: "ON", Dozing: "DOZE", Asleep: "OFF" } as const;

export function powerDump(condition: PhoneCondition, profile: DeviceProfile): string {
  const level = Math.round((condition.batteryLevel * 100) / condition.batteryScale);
  const lines = [
    "POWER MANAGER (dumpsys power)",
    "",
    "Power Manager State:",
    ...(profile.sdk >= 28 ? ["  Settings power_manager_constants:", "    no_cached_wake_locks=true"] : []),
    "  mDirty=0x0",
    `  mWakefulness=${condition.wakefulness}`,
    "  mWakefulnessChanging=false",
    `  mIsPowered=${condition.plugged !== "none"}`,
    `  mPlugType=${PLUG_TYPE[condition.plugged]}`,
    `  mBatteryLevel=${level}`,
    "  mBatteryLevelWhenDreamStarted=0",
    "  mDockState=0",
    "  mStayOn=false",
    "  mProximityPositive=false",
    "  mBootCompleted=true",
    "  mSystemReady=true",
    `  mHalAutoSuspendModeEnabled=${!condition.screenOn}`,
    `  mHalInteractiveModeEnabled=${condition.screenOn}`,
    `  mWakeLockSummary=0x${condition.screenOn ? "0" : "1"}`,
    "  mNotifyLongScheduled=(none)",
    "  mRequestWaitForNegativeProximity=false",
    "  mSandmanScheduled=false",
    `  mBatteryLevelLow=${level <= 15}`,
    "  mLightDeviceIdleMode=false",
    "  mDeviceIdleMode=false",
    `  mLastSleepReason=${condition.screenOn ? "unknown" : "timeout"}`,
    "",
    "Settings and Configuration:",
    "  mDreamsSupportedConfig=true",
    "  mDreamsEnabledSetting=false",
    "  mDozeAfterScreenOff=false",
    "  mScreenOffTimeoutSetting=30000",
    "  mStayOnWhilePluggedInSetting=0",
    "",
    "Screen off timeout: 30000 ms",
    "Screen dim duration: 6000 ms",
    "",
    "Wake Locks: size=0",
    "",
    "Suspend Blockers: size=4",
    "  PowerManagerService.WakeLocks: ref count=0",
    `  PowerManagerService.Display: ref count=${condition.screenOn ? 1 : 0}`,
    "  PowerManagerService.Broadcasts: ref count=0",
    "  PowerManagerService.WirelessChargerDetector: ref count=0",
    "",
    `Display Power: state=${DISPLAY_STATE[condition.wakefulness]}`,
    "",
  ];
  return lines.join("\n");
}
