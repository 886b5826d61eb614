import type { RawShellResult } from "./shell-v2";

// Phones without shell_v2 (before Android 7) give no exit code over "shell:", so the command
// prints its own after a marker; stderr stays merged into stdout there.
export function withExitMarker(command: string): string {
  return `${command}; echo __RC=$?`;
}

/** Splits the marker off the end of the output; exitCode undefined if it never came. */
export function parseExitMarker(output: Buffer): RawShellResult {
  // latin1 maps bytes 1:1, so the index found in the text is the index in the buffer.
  const match = /__RC=(\d+)\r?\n?$/.exec(output.toString("latin1"));
  if (match === null) return { stdout: output, stderr: Buffer.alloc(0), exitCode: undefined };
  return { stdout: output.subarray(0, match.index), stderr: Buffer.alloc(0), exitCode: Number(match[1]) };
}
