/**
 * The failure catalogue: a task that ends failed carries one of these in `fail_code`.
 * `retryable` marks the classes that are safe to run again automatically: nothing can
 * have been posted yet. A class that may fail after the post went out is never retried
 * by the system, because a retry could post twice.
 */
export const FailCode = {
  DeviceOffline: 1001,
  AdbError: 1002,
  AppNotInstalled: 1003,
  MaterialNotFound: 1004,
  UiStepNotFound: 1005,
  UploadNotConfirmed: 1006,
  Stopped: 1007,
  TimedOut: 1008,
  AgentLost: 1009,
} as const;

export type FailCode = (typeof FailCode)[keyof typeof FailCode];

interface FailClass {
  readonly name: string;
  readonly retryable: boolean;
  /** Default remark for people when the agent gives none. */
  readonly remark: string;
}

export const FAIL_CLASSES: Readonly<Record<FailCode, FailClass>> = {
  1001: { name: "device_offline", retryable: true, remark: "device offline" },
  1002: { name: "adb_error", retryable: true, remark: "ADB error before posting" },
  1003: { name: "app_not_installed", retryable: false, remark: "app not installed" },
  1004: { name: "material_not_found", retryable: false, remark: "material not found" },
  1005: { name: "ui_step_not_found", retryable: false, remark: "a screen element did not appear" },
  1006: { name: "upload_not_confirmed", retryable: false, remark: "upload not confirmed" },
  1007: { name: "stopped", retryable: false, remark: "stopped" },
  1008: { name: "timed_out", retryable: false, remark: "timed out" },
  1009: { name: "agent_lost", retryable: false, remark: "agent lost" },
};

export function isFailCode(value: number): value is FailCode {
  return Object.hasOwn(FAIL_CLASSES, value);
}
