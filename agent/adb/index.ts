// Driving phones over adb: what a ScriptExecutor uses (PhoneDriver) and what tells the agent
// which phones to open links for (PhoneTracker).
export { AdbkitDriver, type AdbkitDriverOptions } from "./adbkit-driver";
export { withDeadline } from "./deadline";
export { AdbError, AdbTimeoutError, DeviceGoneError } from "./errors";
export type { ActivityStart, PhoneDriver, ScreenSize, ShellOutput } from "./phone-driver";
export { PhoneTracker, type PhoneTrackerOptions } from "./phone-tracker";
