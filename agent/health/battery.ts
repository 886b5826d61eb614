// `dumpsys battery`: BatteryService.dumpInternal prints "Current Battery Service state:" and
// then "  key: value" lines. Which keys come depends on the release ("Max charging current",
// "Dock powered", "Charging state" came late) and on the maker (Samsung adds its own after
// AOSP's, some not indented, and a lower-case "charge counter"), so keys are looked up by
// their exact name, never by position.

export interface BatteryReading {
  /** Percent, 0–100: level × 100 / scale. */
  level: number | null;
  /** On a charger (AC, USB, wireless, dock) or BatteryManager's status 2, "charging". */
  charging: boolean | null;
  /** °C (the dump has tenths). */
  temperatureC: number | null;
}

const NOTHING: BatteryReading = { level: null, charging: null, temperatureC: null };
const HEADER = "Current Battery Service state:";
const SOURCES = ["AC powered", "USB powered", "Wireless powered", "Dock powered"];
const STATUS_CHARGING = 2;

export function parseBatteryDump(output: string): BatteryReading {
  const start = output.indexOf(HEADER);
  // "Can't find service: battery", a permission denial: nothing to read.
  if (start < 0) return NOTHING;
  const values = new Map<string, string>();
  for (const line of output.slice(start + HEADER.length).split(/\r?\n/)) {
    const match = /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$/.exec(line);
    // The first of a key is AOSP's: a maker's lines come after.
    if (match !== null && !values.has(match[1] ?? "")) values.set(match[1] ?? "", match[2] ?? "");
  }

  // A phone run without its battery (a battery eliminator) still reports a level and a
  // temperature, made up by the health HAL: they say nothing.
  const present = values.get("present") !== "false";
  return {
    level: present ? percent(integer(values.get("level")), values.has("scale") ? integer(values.get("scale")) : 100) : null,
    charging: charging(values),
    temperatureC: present ? celsius(integer(values.get("temperature"))) : null,
  };
}

function charging(values: Map<string, string>): boolean | null {
  const sources = SOURCES.map((key) => values.get(key)).filter((value) => value === "true" || value === "false");
  const status = integer(values.get("status"));
  if (sources.includes("true") || status === STATUS_CHARGING) return true;
  return sources.length > 0 || status !== null ? false : null;
}

function percent(level: number | null, scale: number | null): number | null {
  if (level === null || scale === null || scale <= 0 || level < 0 || level > scale) return null;
  return Math.round((level * 100) / scale);
}

function celsius(tenths: number | null): number | null {
  if (tenths === null) return null;
  const degrees = tenths / 10;
  // Outside what a battery can be (and what the protocol takes): a broken sensor.
  return degrees < -50 || degrees > 150 ? null : degrees;
}

function integer(text: string | undefined): number | null {
  return text !== undefined && /^-?\d{1,9}$/.test(text) ? Number(text) : null;
}
