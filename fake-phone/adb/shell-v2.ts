import type { DeviceClient } from "@devicefarmer/adbkit";

// The shell v2 stream (AOSP adb shell_protocol.h): packets of [id u8][length u32le][data].
// v1 "shell:" merges stdout and stderr and loses the exit code (adbkit issue #470), which
// is why the agent needs v2 to tell "pm path" found from not found.
export const SHELL_STDIN = 0;
export const SHELL_STDOUT = 1;
export const SHELL_STDERR = 2;
export const SHELL_EXIT = 3;
export const SHELL_CLOSE_STDIN = 4;

export function encodeShellPacket(id: number, data: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(data.length, 1);
  return Buffer.concat([header, data]);
}

export interface ShellResult {
  stdout: Buffer;
  stderr: Buffer;
  /** undefined when the stream ended without an exit packet (phone gone mid-command). */
  exitCode: number | undefined;
}

export function decodeShellStream(bytes: Buffer): ShellResult {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number | undefined;
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const id = bytes.readUInt8(offset);
    const length = bytes.readUInt32LE(offset + 1);
    const data = bytes.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (id === SHELL_STDOUT) stdout.push(data);
    else if (id === SHELL_STDERR) stderr.push(data);
    else if (id === SHELL_EXIT) exitCode = data.readUInt8(0);
  }
  return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
}

/** Runs `command` through "shell,v2,raw:" on an adbkit transport and returns its exit code. */
export async function runShellV2(device: DeviceClient, command: string, timeoutMs = 10_000): Promise<ShellResult> {
  const connection = await device.transport();
  const request = Buffer.from(`shell,v2,raw:${command}`, "utf8");
  const length = Buffer.from(request.length.toString(16).padStart(4, "0"), "ascii");
  // adbkit has no deadline of its own; a dead phone would hang the caller forever.
  const timer = setTimeout(() => connection.end(), timeoutMs);
  try {
    connection.write(Buffer.concat([length, request]));
    const reply = await connection.parser.readAscii(4);
    if (reply !== "OKAY") {
      const message = await connection.parser.readValue().then((value) => value.toString("utf8"), () => reply);
      throw new Error(`shell v2 refused: ${message}`);
    }
    return decodeShellStream(await connection.parser.readAll());
  } finally {
    clearTimeout(timer);
    connection.end();
  }
}
