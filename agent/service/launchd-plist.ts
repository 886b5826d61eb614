import { join } from "node:path";
import { xmlText } from "./xml-text";
import { type ServiceSpec, SUPERVISED_ENV } from "./service-spec";

/** The job's label, and its file's name in ~/Library/LaunchAgents. */
export const LAUNCHD_LABEL = "com.tikmatrix.agent";

/**
 * A launchd agent (in the user's GUI session, so as the studio user with their adb key):
 * started at load and at login, and started again whenever it exits other than cleanly
 * (KeepAlive SuccessfulExit false), at most every 10 s (ThrottleInterval). Its own output goes
 * next to the agent's log, for what happens before the agent's logger starts.
 */
export function launchdPlist(spec: ServiceSpec): string {
  const args = [spec.program, ...spec.args].map((arg) => `    <string>${xmlText(arg)}</string>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    "  <key>Label</key>",
    `  <string>${LAUNCHD_LABEL}</string>`,
    "  <key>ProgramArguments</key>",
    "  <array>",
    ...args,
    "  </array>",
    "  <key>WorkingDirectory</key>",
    `  <string>${xmlText(spec.workingDirectory)}</string>`,
    "  <key>EnvironmentVariables</key>",
    "  <dict>",
    `    <key>${SUPERVISED_ENV}</key>`,
    "    <string>1</string>",
    "  </dict>",
    "  <key>RunAtLoad</key>",
    "  <true/>",
    "  <key>KeepAlive</key>",
    "  <dict>",
    "    <key>SuccessfulExit</key>",
    "    <false/>",
    "  </dict>",
    "  <key>ThrottleInterval</key>",
    "  <integer>10</integer>",
    "  <key>ProcessType</key>",
    "  <string>Background</string>",
    "  <key>StandardOutPath</key>",
    `  <string>${xmlText(join(spec.stateDir, "logs", "launchd.out.log"))}</string>`,
    "  <key>StandardErrorPath</key>",
    `  <string>${xmlText(join(spec.stateDir, "logs", "launchd.err.log"))}</string>`,
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}
