import { SERVICE_DESCRIPTION, type ServiceSpec } from "./service-spec";
import { xmlText } from "./xml-text";

/** The task's name in Task Scheduler (`schtasks /TN`). */
export const WINDOWS_TASK_NAME = "TikMatrix Agent";

/**
 * A Task Scheduler task, not a Windows service: a service runs as LocalSystem (or needs the
 * user's password stored), and then adb would use another key than the one the studio's
 * phones trusted (%USERPROFILE%\.android\adbkey), so every phone would ask "Allow USB
 * debugging?" again. The task starts at the studio user's logon, in their session, as them,
 * with no stored password (InteractiveToken), runs without a time limit, and on batteries too.
 * Task Scheduler's RestartOnFailure only covers a task that failed to start, not a program
 * that exited with an error, so the action runs the agent under its own supervisor
 * (`service-run`, supervise.ts), which restarts it.
 */
export function windowsTaskXml(spec: ServiceSpec, userId: string): string {
  const command = xmlText(spec.program);
  const args = xmlText(spec.args.map(windowsArgument).join(" "));
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    "  <RegistrationInfo>",
    `    <Description>${xmlText(SERVICE_DESCRIPTION)}</Description>`,
    `    <URI>\\${xmlText(WINDOWS_TASK_NAME)}</URI>`,
    "  </RegistrationInfo>",
    "  <Triggers>",
    "    <LogonTrigger>",
    "      <Enabled>true</Enabled>",
    `      <UserId>${xmlText(userId)}</UserId>`,
    "    </LogonTrigger>",
    "  </Triggers>",
    "  <Principals>",
    '    <Principal id="Author">',
    `      <UserId>${xmlText(userId)}</UserId>`,
    "      <LogonType>InteractiveToken</LogonType>",
    "      <RunLevel>LeastPrivilege</RunLevel>",
    "    </Principal>",
    "  </Principals>",
    "  <Settings>",
    "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
    "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
    "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
    "    <AllowHardTerminate>true</AllowHardTerminate>",
    "    <StartWhenAvailable>true</StartWhenAvailable>",
    "    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>",
    "    <IdleSettings>",
    "      <StopOnIdleEnd>false</StopOnIdleEnd>",
    "      <RestartOnIdle>false</RestartOnIdle>",
    "    </IdleSettings>",
    "    <AllowStartOnDemand>true</AllowStartOnDemand>",
    "    <Enabled>true</Enabled>",
    "    <Hidden>false</Hidden>",
    "    <RunOnlyIfIdle>false</RunOnlyIfIdle>",
    "    <WakeToRun>false</WakeToRun>",
    "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
    "    <Priority>7</Priority>",
    "    <RestartOnFailure>",
    "      <Interval>PT1M</Interval>",
    "      <Count>999</Count>",
    "    </RestartOnFailure>",
    "  </Settings>",
    '  <Actions Context="Author">',
    "    <Exec>",
    `      <Command>${command}</Command>`,
    `      <Arguments>${args}</Arguments>`,
    `      <WorkingDirectory>${xmlText(spec.workingDirectory)}</WorkingDirectory>`,
    "    </Exec>",
    "  </Actions>",
    "</Task>",
    "",
  ].join("\r\n");
}

/** The file schtasks /XML reads: UTF-16 little-endian with its byte-order mark, as the XML declares. */
export function windowsTaskFile(xmlText: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xmlText, "utf16le")]);
}

/**
 * One argument as the Microsoft C runtime splits a command line (CommandLineToArgvW): quoted
 * when it has a space, tab or quote, a quote escaped by a backslash, and backslashes doubled
 * only before a quote (so `C:\dir\` stays a directory, not an escaped quote).
 */
export function windowsArgument(arg: string): string {
  if (arg !== "" && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === "\\") {
      backslashes++;
      continue;
    }
    if (ch === '"') {
      out += "\\".repeat(backslashes * 2 + 1) + '"';
    } else {
      out += "\\".repeat(backslashes) + ch;
    }
    backslashes = 0;
  }
  return `${out}${"\\".repeat(backslashes * 2)}"`;
}
