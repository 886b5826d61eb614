/**
 * Writes text to `out` with `prefix` before each line, holding back a line until it is
 * complete: chunks from a pipe end anywhere, and a prefix in mid-line would garble it.
 * flush() writes what is held back (the last line of a process that ended without "\n").
 */
export function linePrefixer(prefix: string, out: NodeJS.WritableStream): { write(text: string): void; flush(): void } {
  let partial = "";
  return {
    write(text) {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      if (lines.length > 0) out.write(lines.map((line) => `${prefix}${line}\n`).join(""));
    },
    flush() {
      if (partial !== "") out.write(`${prefix}${partial}\n`);
      partial = "";
    },
  };
}
