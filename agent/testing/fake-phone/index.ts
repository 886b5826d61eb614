// A test double of an Android phone that the real adb server connects to, so agent tests
// run the production path (adbkit → adb server → phone) without hardware.
export { TestAdbServer, type AdbResult } from "./adb-server.js";
export { Adb } from "./adbkit.js";
export { HomeScreen } from "./home-screen.js";
export { FakePhone, type FakePhoneOptions, type ReceivedCommand } from "./phone.js";
export { type ScreenModel, textResult } from "./screen-model.js";
export type { CommandResult } from "./services.js";
export { runShellV2, type ShellResult } from "./shell-v2.js";
