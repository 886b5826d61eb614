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
  TargetNotFound: 1010,
  AccountLoggedOut: 1011,
  AccountVerification: 1012,
  AccountRestricted: 1013,
  AccountBanned: 1014,
  AccountNeedsAttention: 1015,
  SecretUnreadable: 1016,
} as const;

export type FailCode = (typeof FailCode)[keyof typeof FailCode];

interface FailClass {
  readonly name: string;
  readonly retryable: boolean;
  /** The account is left in a state a person must handle: it is marked needs_attention. */
  readonly attention?: true;
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
  1010: { name: "target_not_found", retryable: false, remark: "the user or post to act on does not exist" },
  // A person must handle these on the phone: the account is marked needs_attention, nothing is retried.
  1011: { name: "account_logged_out", retryable: false, attention: true, remark: "the app is logged out" },
  1012: { name: "account_verification", retryable: false, attention: true, remark: "the app asks for a verification (captcha)" },
  1013: { name: "account_restricted", retryable: false, attention: true, remark: "the app restricts the account for now (too many attempts)" },
  1014: { name: "account_banned", retryable: false, attention: true, remark: "the account is banned or suspended" },
  1015: { name: "account_needs_attention", retryable: false, remark: "the account needs a person before it runs tasks" },
  1016: { name: "secret_unreadable", retryable: false, remark: "the task's secret (an api_key) cannot be opened: TASK_SECRETS_KEY changed since it was created" },
};

export function isFailCode(value: number): value is FailCode {
  return Object.hasOwn(FAIL_CLASSES, value);
}

/** A failure that marks the task's account as needing a person (1011–1014). */
export function needsAttention(failCode: FailCode | null): failCode is FailCode {
  return failCode !== null && FAIL_CLASSES[failCode].attention === true;
}
