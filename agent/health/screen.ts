// `dumpsys power`: PowerManagerService.dumpInternal prints "  mWakefulness=<state>" near its
// top (PowerManagerInternal.wakefulnessToString: Awake, Asleep, Dreaming, Dozing), right
// before "  mWakefulnessChanging=", and far below "Display Power: state=<state>"
// (Display.stateToString: ON, OFF, DOZE, DOZE_SUSPEND, VR, ON_SUSPEND, UNKNOWN).

const WAKEFULNESS: Record<string, boolean> = {
  Awake: true,
  // A screensaver shows: the display is lit (isInteractive counts it too).
  Dreaming: true,
  Asleep: false,
  // The always-on display: the screen is off for anything a script could do.
  Dozing: false,
};

const DISPLAY_STATE: Record<string, boolean> = { ON: true, VR: true, ON_SUSPEND: true, OFF: false, DOZE: false, DOZE_SUSPEND: false };

/** Whether the screen is on; null when the dump says neither. */
export function parseScreenOn(output: string): boolean | null {
  const wakefulness = /^\s*mWakefulness=(\w+)\s*$/m.exec(output)?.[1];
  if (wakefulness !== undefined && Object.hasOwn(WAKEFULNESS, wakefulness)) return WAKEFULNESS[wakefulness] ?? null;
  const display = /^\s*Display Power: state=(\w+)/m.exec(output)?.[1];
  if (display !== undefined && Object.hasOwn(DISPLAY_STATE, display)) return DISPLAY_STATE[display] ?? null;
  return null;
}
