/**
 * Printing for the admin commands. stdout carries only the result (text, or with --json
 * exactly one JSON object) so it can be piped; errors go to stderr from main().
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(...lines: readonly string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(""));
}

/** Epoch milliseconds as ISO 8601 UTC, or "never" for an empty column. */
export function formatTime(epochMs: number | null): string {
  return epochMs === null ? "never" : new Date(epochMs).toISOString();
}

/**
 * Columns padded to their widest cell; plain text so it survives copy and paste. Columns
 * are left-aligned unless `align` says "right" for them (figures line up by their units).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ("left" | "right")[] = [],
): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
