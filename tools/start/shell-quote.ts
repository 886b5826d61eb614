/** One argument for a POSIX shell, quoted only when it needs to be, so pasted commands stay readable. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
