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

/** Columns padded to their widest cell; plain text so it survives copy and paste. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
