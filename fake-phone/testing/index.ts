// Test support for the fake phone, in one place: a private adb server, an adbkit client
// for it, and a harness that attaches phones and drives them with shell lines and dumps.
export { TestAdbServer, type AdbResult } from "./adb-server.js";
export { Adb } from "./adbkit.js";
export { type DumpNode, type Harness, type Match, type Output, PhoneShell, poll, startHarness, useHarness } from "./test-harness.js";
