/** An adb call failed; `operation` names what the agent was doing (e.g. "shell pm path …"). */
export class AdbError extends Error {
  override name = "AdbError";
  constructor(
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
  }
}

/** The phone is no longer usable: the adb server says it is not found or offline. */
export class DeviceGoneError extends AdbError {
  override name = "DeviceGoneError";
}

/** An adb call did not settle within its deadline (adbkit has none of its own). */
export class AdbTimeoutError extends AdbError {
  override name = "AdbTimeoutError";
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(operation, `no answer within ${timeoutMs} ms`);
  }
}

// The adb server's own texts (adb 29–35): "device 'X' not found", "device offline",
// "device unauthorized" is not here on purpose: the phone is present, the user must allow it.
const GONE = /device '[^']*' not found|device not found|device offline|no devices\/emulators found/i;

/** Turns whatever adbkit threw into an AdbError, recognising a phone that has gone. */
export function toAdbError(operation: string, error: unknown): AdbError {
  if (error instanceof AdbError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return GONE.test(message) ? new DeviceGoneError(operation, message, { cause: error }) : new AdbError(operation, message, { cause: error });
}
