// The phone's physical condition: its battery, whether its screen is on, how full its storage
// is. `dumpsys battery`, `dumpsys power` and `df` print it (shell/battery-dump.ts,
// shell/power-dump.ts, shell/df-command.ts); tests set it with `phone.condition.set({...})`.

/** What the battery is charged from (BatteryManager's BATTERY_PLUGGED_* sources), or none. */
export type PowerSource = "none" | "ac" | "usb" | "wireless" | "dock";

/**
 * PowerManagerInternal's wakefulness: Awake (screen on), Asleep (off), Dozing (off but for
 * the always-on display), Dreaming (a screensaver shows: the display is lit).
 */
export type Wakefulness = "Awake" | "Asleep" | "Dozing" | "Dreaming";

export interface ConditionState {
  /** `level` as the health HAL reports it, 0…`batteryScale`. */
  batteryLevel: number;
  /** BatteryService prints `scale: 100` on every AOSP build; kept settable for the odd vendor. */
  batteryScale: number;
  plugged: PowerSource;
  /**
   * Plugged in but not taking charge (status 4 "not charging": a charge limit, a hot battery).
   * Without it, a plugged battery is charging (2) below its scale and full (5) at it.
   */
  chargingPaused: boolean;
  /** In °C; BatteryService prints tenths (`temperature: 315`). */
  batteryTemperatureC: number;
  /** False on a phone run without its battery (a battery eliminator): `present: false`. */
  batteryPresent: boolean;
  /** False: no battery service at all (`Can't find service: battery`), as on boards without one. */
  batteryService: boolean;
  wakefulness: Wakefulness;
  /** The shared storage's (/data, which /sdcard lives on) size. */
  storageTotalBytes: number;
  /** What an app (and the shell user) may still write there, before the files the phone holds. */
  storageFreeBytes: number;
}

// A studio phone as it usually sits: on a USB hub, most of a charge, warm, screen on, a
// 64 GB phone with a fifth of its storage left.
const DEFAULTS: ConditionState = {
  batteryLevel: 80,
  batteryScale: 100,
  plugged: "usb",
  chargingPaused: false,
  batteryTemperatureC: 31.5,
  batteryPresent: true,
  batteryService: true,
  wakefulness: "Awake",
  storageTotalBytes: 52 * 1024 ** 3,
  storageFreeBytes: 11 * 1024 ** 3,
};

/** BatteryManager.BATTERY_STATUS_*: what `status:` prints. */
export const BATTERY_STATUS = { charging: 2, discharging: 3, notCharging: 4, full: 5 } as const;

export class PhoneCondition implements ConditionState {
  batteryLevel = DEFAULTS.batteryLevel;
  batteryScale = DEFAULTS.batteryScale;
  plugged = DEFAULTS.plugged;
  chargingPaused = DEFAULTS.chargingPaused;
  batteryTemperatureC = DEFAULTS.batteryTemperatureC;
  batteryPresent = DEFAULTS.batteryPresent;
  batteryService = DEFAULTS.batteryService;
  wakefulness = DEFAULTS.wakefulness;
  storageTotalBytes = DEFAULTS.storageTotalBytes;
  storageFreeBytes = DEFAULTS.storageFreeBytes;

  constructor(initial: Partial<ConditionState> = {}) {
    this.set(initial);
  }

  /** Changes some of the condition at once, e.g. `set({ batteryLevel: 12, plugged: "none" })`. */
  set(changes: Partial<ConditionState>): void {
    const next = { ...this.snapshot(), ...changes };
    if (!Number.isInteger(next.batteryScale) || next.batteryScale <= 0) throw new RangeError(`battery scale must be a positive integer: ${next.batteryScale}`);
    if (!Number.isInteger(next.batteryLevel) || next.batteryLevel < 0 || next.batteryLevel > next.batteryScale) {
      throw new RangeError(`battery level must be an integer in 0…${next.batteryScale}: ${next.batteryLevel}`);
    }
    if (!Number.isFinite(next.batteryTemperatureC)) throw new RangeError(`battery temperature must be a number: ${next.batteryTemperatureC}`);
    if (!Number.isSafeInteger(next.storageTotalBytes) || next.storageTotalBytes <= 0) throw new RangeError(`storage size must be a positive integer: ${next.storageTotalBytes}`);
    if (!Number.isSafeInteger(next.storageFreeBytes) || next.storageFreeBytes < 0 || next.storageFreeBytes > next.storageTotalBytes) {
      throw new RangeError(`free storage must be an integer in 0…${next.storageTotalBytes}: ${next.storageFreeBytes}`);
    }
    Object.assign(this, next);
  }

  snapshot(): ConditionState {
    const { batteryLevel, batteryScale, plugged, chargingPaused, batteryTemperatureC, batteryPresent, batteryService, wakefulness, storageTotalBytes, storageFreeBytes } = this;
    return { batteryLevel, batteryScale, plugged, chargingPaused, batteryTemperatureC, batteryPresent, batteryService, wakefulness, storageTotalBytes, storageFreeBytes };
  }

  /** BatteryService's status: what the health HAL says of a battery on this source at this level. */
  get batteryStatus(): number {
    if (this.plugged === "none") return BATTERY_STATUS.discharging;
    if (this.chargingPaused) return BATTERY_STATUS.notCharging;
    return this.batteryLevel >= this.batteryScale ? BATTERY_STATUS.full : BATTERY_STATUS.charging;
  }

  /** The screen is lit: awake, or showing a screensaver (PowerManagerInternal.isInteractive's two states). */
  get screenOn(): boolean {
    return this.wakefulness === "Awake" || this.wakefulness === "Dreaming";
  }

  /**
   * A key PhoneWindowManager handles before any app (interceptKeyBeforeQueueing): WAKEUP
   * wakes, SLEEP sends to sleep, POWER toggles. Sleep is Asleep: the harder case, since no
   * always-on display keeps anything lit (a test sets Dozing itself).
   */
  key(name: string): void {
    if (name === "KEYCODE_WAKEUP") this.wakefulness = "Awake";
    else if (name === "KEYCODE_SLEEP") this.wakefulness = "Asleep";
    else if (name === "KEYCODE_POWER") this.wakefulness = this.screenOn ? "Asleep" : "Awake";
  }
}
