import type { CommandResult } from "../adb/services.js";
import { textResult } from "../screen/screen-model.js";
import type { PhoneState } from "./commands.js";

// `df`, as the phone's own binary answers it. Android 7+ ships toybox's (toys/posix/df.c):
// "Filesystem 1K-blocks Used Available Use% Mounted on", columns as wide as their widest
// value (the first at least 14), 1024-byte units by default and with -k, 512 with -P,
// human sizes with -h/-H; Available is f_bavail for anyone but root (adb's shell is uid 2000);
// the mount a path is on, not the path, in the last column; a path it cannot stat is
// "df: '<path>': No such file or directory", exit 1. Before it, toolbox's (system/core
// toolbox/df.c): "Filesystem Size Used Free Blksize", every argument a path (so `-k` is one
// it cannot find), the path as given, sizes as "%4lld.%1lld%c" in K, M or G, Free = f_bfree.

const BLOCK = 4096;
// Android keeps space on /data for the system (StorageManager's reserved bytes): only root sees it free.
const RESERVED_BLOCKS = (128 * 1024 * 1024) / BLOCK;

interface Mount {
  device: string;
  dir: string;
  blocks: number;
  bfree: number;
  bavail: number;
}

export function dfCommand(args: string[], phone: PhoneState): CommandResult {
  return phone.profile.sdk >= 24 ? toyboxDf(args, phone) : toolboxDf(args, phone);
}

function mounts(phone: PhoneState): Mount[] {
  const { condition, profile } = phone;
  const blocks = Math.floor(condition.storageTotalBytes / BLOCK);
  // What the phone holds (pushed videos, dumps) comes out of what was free.
  const held = phone.files.paths().reduce((sum, path) => sum + (phone.files.read(path)?.data.length ?? 0), 0);
  const bavail = Math.floor(Math.max(0, condition.storageFreeBytes - held) / BLOCK);
  const bfree = Math.min(blocks, bavail + RESERVED_BLOCKS);
  const data = { blocks, bfree, bavail };
  const system = { blocks: 1_179_648, bfree: 2_980, bavail: 2_980 };
  const tmpfs = { blocks: 955_000, bfree: 954_400, bavail: 954_400 };
  return [
    { device: "/dev/block/dm-5", dir: "/", ...system },
    { device: "tmpfs", dir: "/dev", ...tmpfs },
    { device: "/dev/block/dm-46", dir: "/data", ...data },
    // FUSE from Android 11, sdcardfs over /data/media before.
    { device: profile.sdk >= 30 ? "/dev/fuse" : "/data/media", dir: "/storage/emulated", ...data },
  ];
}

const STORAGE_ALIASES = ["/sdcard", "/storage/self/primary", "/mnt/sdcard", "/storage/emulated"];

/** The mount a path is on, or undefined when the path does not exist. */
function mountOf(path: string, phone: PhoneState, all: Mount[]): Mount | undefined {
  const clean = path.replace(/\/+$/, "") || "/";
  const under = (root: string): boolean => clean === root || clean.startsWith(`${root}/`);
  const known = ["/", "/dev", "/data", "/storage", "/storage/emulated/0", ...STORAGE_ALIASES].includes(clean);
  if (!known && phone.files.info(clean).kind === "missing") return undefined;
  const dir = STORAGE_ALIASES.some(under) ? "/storage/emulated" : under("/data") ? "/data" : under("/dev") ? "/dev" : "/";
  return all.find((mount) => mount.dir === dir);
}

function toyboxDf(args: string[], phone: PhoneState): CommandResult {
  let units = 1024;
  let human: "" | "h" | "H" = "";
  let pedantic = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    for (const flag of arg.slice(1)) {
      // [-HPkh]: the last of them wins.
      if (flag === "k") [units, human, pedantic] = [1024, "", false];
      else if (flag === "P") [units, human, pedantic] = [512, "", true];
      else if (flag === "h" || flag === "H") [units, human, pedantic] = [1, flag, false];
      else if (flag === "a") continue;
      else if (flag === "t") i++;
      else return textResult("", 1, `usage: df [-HPkh] [-t type] [FILESYSTEM ...]\n\ndf: Unknown option '${flag}'\n`);
    }
  }
  const all = mounts(phone);
  const errors: string[] = [];
  const shown: Mount[] = [];
  if (paths.length === 0) shown.push(...all);
  for (const path of paths) {
    const mount = mountOf(path, phone, all);
    if (mount === undefined) errors.push(`df: '${path}': No such file or directory\n`);
    else shown.push(mount);
  }
  if (shown.length === 0) return textResult("", errors.length > 0 ? 1 : 0, errors.join(""));

  const rows = shown.map((mount) => {
    const size = Math.floor((mount.blocks * BLOCK) / units);
    const used = Math.floor(((mount.blocks - mount.bfree) * BLOCK) / units);
    const avail = Math.floor((mount.bavail * BLOCK) / units);
    const percent = used + avail === 0 ? 0 : Math.ceil((used * 100) / (used + avail));
    return { mount, size, used, avail, percent };
  });
  const widths = [
    Math.max(14, ...rows.map((row) => row.mount.device.length)),
    Math.max(...rows.map((row) => String(row.size).length)),
    Math.max(4, ...rows.map((row) => String(row.used).length)),
    Math.max(9, ...rows.map((row) => String(row.avail).length)),
  ];
  const out: string[] = [];
  if (human !== "") {
    out.push(`${"Filesystem".padEnd(widths[0] ?? 14)} Size  Used Avail Use% Mounted on`);
    const hr = (n: number): string => humanReadable(n, human === "H" ? 1000 : 1024).padStart(4);
    for (const row of rows) {
      out.push(`${row.mount.device.padEnd(widths[0] ?? 14)} ${hr(row.size)}  ${hr(row.used)}  ${hr(row.avail)}  ${String(row.percent).padStart(2)}% ${row.mount.dir}`);
    }
  } else {
    const blocksLabel = units === 512 ? "512-blocks" : "1K-blocks";
    const useLabel = pedantic ? "Capacity" : "Use%";
    const w1 = Math.max(widths[1] ?? 0, blocksLabel.length);
    const w4 = useLabel.length;
    out.push(`${"Filesystem".padEnd(widths[0] ?? 14)} ${blocksLabel.padStart(w1)} ${"Used".padStart(widths[2] ?? 4)} ${"Available".padStart(widths[3] ?? 9)} ${useLabel} Mounted on`);
    for (const row of rows) {
      out.push(
        `${row.mount.device.padEnd(widths[0] ?? 14)} ${String(row.size).padStart(w1)} ${String(row.used).padStart(widths[2] ?? 4)} ${String(row.avail).padStart(widths[3] ?? 9)} ${String(row.percent).padStart(w4 - 1)}% ${row.mount.dir}`,
      );
    }
  }
  return textResult(`${out.join("\n")}\n`, errors.length > 0 ? 1 : 0, errors.join(""));
}

/** toybox's human_readable: under 1024 as is, else one decimal below 10 of a unit ("3.5G", "52G"). */
function humanReadable(n: number, base: number): string {
  const units = ["", "K", "M", "G", "T"];
  let value = n;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  if (unit === 0) return String(n);
  return `${value < 10 ? (Math.round(value * 10) / 10).toFixed(1) : String(Math.round(value))}${units[unit] ?? ""}`;
}

function toolboxDf(args: string[], phone: PhoneState): CommandResult {
  const all = mounts(phone);
  const out = ["Filesystem               Size     Used     Free   Blksize"];
  const errors: string[] = [];
  const line = (label: string, mount: Mount): string =>
    `${label.padEnd(20)}  ${printsize(mount.blocks * BLOCK)}  ${printsize((mount.blocks - mount.bfree) * BLOCK)}  ${printsize(mount.bfree * BLOCK)}   ${BLOCK}`;
  if (args.length === 0) {
    for (const mount of all) out.push(line(mount.dir, mount));
  }
  for (const arg of args) {
    // No options: "-k" is statfs'd like any path and fails.
    const mount = mountOf(arg, phone, all);
    if (mount === undefined) errors.push(`${arg}: No such file or directory\n`);
    else out.push(line(arg, mount));
  }
  return textResult(`${out.join("\n")}\n`, errors.length > 0 ? 1 : 0, errors.join(""));
}

/** toolbox df's printsize: tenths of K, M or G, rounded, as "%4lld.%1lld%c". */
function printsize(bytes: number): string {
  let n = bytes * 10;
  let unit = "K";
  if (n > 1024 * 1024 * 10) {
    n = Math.floor(n / 1024);
    unit = "M";
  }
  if (n > 1024 * 1024 * 10) {
    n = Math.floor(n / 1024);
    unit = "G";
  }
  const t = Math.floor((n + 512) / 1024);
  return `${String(Math.floor(t / 10)).padStart(4)}.${t % 10}${unit}`;
}
