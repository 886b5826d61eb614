// `df -k /sdcard`, read by its header, since two programs answer it:
// - toybox (Android 7+): "Filesystem 1K-blocks Used Available Use% Mounted on", 1024-byte
//   blocks (512 under a "512-blocks" header; human sizes under "Size" if a build forces -h);
// - toolbox (Android 6 and before): "Filesystem Size Used Free Blksize" with sizes such as
//   "11.1G" or "12G", and no options: it takes "-k" for a path, says "-k: No such file or
//   directory" and exits 1, yet prints /sdcard's line. Its sizes are rounded to a tenth of a
//   unit (about 100 MB in G), the best that phone tells.
// A long device name may push the figures onto the next line (busybox does), so the figures
// are taken as words after the header, not from one line.

const UNIT_POWER: Record<string, number> = { "": 0, K: 1, M: 2, G: 3, T: 4, P: 5 };

/** Free bytes on the filesystem /sdcard is on; null when the output does not say. */
export function parseDfFree(output: string): number | null {
  const lines = output.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => /^\s*Filesystem\s/.test(line));
  if (headerAt < 0) return null;
  const header = (lines[headerAt] ?? "").trim().split(/\s+/);
  const words = lines
    .slice(headerAt + 1)
    .join(" ")
    .trim()
    .split(/\s+/);

  const blocks = header.findIndex((word) => /^(\d+)K?-blocks$/i.test(word));
  const free = header.findIndex((word) => /^(Available|Avail|Free)$/i.test(word));
  if (free < 0) return null;
  const value = words[free];
  if (value === undefined) return null;
  if (blocks >= 0) {
    const [, size = "", kilo] = /^(\d+)(K?)-blocks$/i.exec(header[blocks] ?? "") ?? [];
    const unit = Number(size) * (kilo === "" ? 1 : 1024);
    return /^\d+$/.test(value) ? checked(Number(value) * unit) : null;
  }
  return humanSize(value);
}

/** "11.1G", "12G", "52.0K", "512": toolbox's and toybox -h's sizes, in powers of 1024. */
function humanSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)([KMGTP]?)i?$/i.exec(text);
  if (match === null) return null;
  const power = UNIT_POWER[(match[2] ?? "").toUpperCase()] ?? 0;
  return checked(Math.round(Number(match[1]) * 1024 ** power));
}

function checked(bytes: number): number | null {
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null;
}
