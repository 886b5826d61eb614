// The shell v2 stream (AOSP adb shell_protocol.h): packets of [id u8][length u32le][data].
// v1 "shell:" merges stdout and stderr and loses the exit code (adbkit issue #470), which
// is why the agent uses v2 to tell, say, "pm path" found from not found.
// Duplicates the decoder in fake-phone/adb/shell-v2.ts: production code must not
// depend on the test double, and the double must not depend on the code it tests.
const STDOUT = 1;
const STDERR = 2;
const EXIT = 3;

export interface RawShellResult {
  stdout: Buffer;
  stderr: Buffer;
  /** undefined when the stream ended without an exit packet (phone gone mid-command). */
  exitCode: number | undefined;
}

export function decodeShellV2(bytes: Buffer): RawShellResult {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number | undefined;
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const id = bytes.readUInt8(offset);
    const length = bytes.readUInt32LE(offset + 1);
    const data = bytes.subarray(offset + 5, offset + 5 + length);
    offset += 5 + length;
    if (id === STDOUT) stdout.push(data);
    else if (id === STDERR) stderr.push(data);
    else if (id === EXIT && data.length > 0) exitCode = data.readUInt8(0);
  }
  return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
}

/** The service request for `command`, length-prefixed as the adb server expects. */
export function shellV2Request(command: string): Buffer {
  const request = Buffer.from(`shell,v2,raw:${command}`, "utf8");
  return Buffer.concat([Buffer.from(request.length.toString(16).padStart(4, "0"), "ascii"), request]);
}
