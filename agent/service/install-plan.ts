import { join } from "node:path";
import { launchdPlist, LAUNCHD_LABEL } from "./launchd-plist";
import type { ServiceSpec } from "./service-spec";
import { SYSTEMD_UNIT_FILE, systemdUnit } from "./systemd-unit";
import { WINDOWS_TASK_NAME, windowsTaskFile, windowsTaskXml } from "./windows-task";

export type ServicePlatform = "win32" | "linux" | "darwin";

export interface PlanStep {
  /** The command and its arguments (no shell: nothing is re-quoted). */
  command: readonly string[];
  /** A step that may fail without failing the plan (stopping what may not be running). */
  mayFail?: boolean;
}

/** What installing (or removing) the service does, in order: files written, commands run, words for the user. */
export interface ServicePlan {
  write: { path: string; content: Buffer | string }[];
  remove: string[];
  steps: PlanStep[];
  notes: string[];
}

export interface PlanContext {
  platform: ServicePlatform;
  home: string;
  /** The agent's settings, as the service will find them (flags it must pass on). */
  stateDir: string;
  /** The executable and what comes before the agent's own arguments (node's flags and the script). */
  program: string;
  programArgs: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** The user id on macOS (launchctl's gui/<uid> domain). */
  uid?: number;
}

/** The service's command line: the agent's `run` (or, on Windows, its supervisor) on this state dir. */
function specOf(context: PlanContext, command: "run" | "service-run"): ServiceSpec {
  return { program: context.program, args: [...context.programArgs, command, "--state-dir", context.stateDir], workingDirectory: context.stateDir, stateDir: context.stateDir };
}

export function installPlan(context: PlanContext): ServicePlan {
  switch (context.platform) {
    case "win32": {
      const file = join(context.stateDir, "service", "tikmatrix-agent-task.xml");
      const user = context.env.USERDOMAIN === undefined ? (context.env.USERNAME ?? "") : `${context.env.USERDOMAIN}\\${context.env.USERNAME ?? ""}`;
      return {
        write: [{ path: file, content: windowsTaskFile(windowsTaskXml(specOf(context, "service-run"), user)) }],
        remove: [],
        steps: [{ command: ["schtasks", "/Create", "/TN", WINDOWS_TASK_NAME, "/XML", file, "/F"] }, { command: ["schtasks", "/Run", "/TN", WINDOWS_TASK_NAME] }],
        notes: [`Task Scheduler task "${WINDOWS_TASK_NAME}": starts at ${user}'s logon, as ${user} (the adb key the phones trust), and is started again after a crash.`],
      };
    }
    case "linux": {
      const file = join(context.env.XDG_CONFIG_HOME ?? join(context.home, ".config"), "systemd", "user", SYSTEMD_UNIT_FILE);
      return {
        write: [{ path: file, content: systemdUnit(specOf(context, "run")) }],
        remove: [],
        steps: [{ command: ["systemctl", "--user", "daemon-reload"] }, { command: ["systemctl", "--user", "enable", "--now", SYSTEMD_UNIT_FILE] }],
        notes: [
          `systemd user unit ${file}: runs while you are logged in and restarts after a failure.`,
          `To start it at boot without logging in: loginctl enable-linger ${context.env.USER ?? "$USER"}`,
          `Its log: journalctl --user -u ${SYSTEMD_UNIT_FILE}, and ${join(context.stateDir, "logs", "agent.log")}`,
        ],
      };
    }
    case "darwin": {
      const file = join(context.home, "Library", "LaunchAgents", `${LAUNCHD_LABEL}.plist`);
      const domain = `gui/${context.uid ?? 501}`;
      return {
        write: [{ path: file, content: launchdPlist(specOf(context, "run")) }],
        remove: [],
        steps: [{ command: ["launchctl", "bootout", `${domain}/${LAUNCHD_LABEL}`], mayFail: true }, { command: ["launchctl", "bootstrap", domain, file] }],
        notes: [`launchd agent ${file}: starts at login and again whenever it exits with an error.`],
      };
    }
  }
}

export function uninstallPlan(context: PlanContext): ServicePlan {
  const installed = installPlan(context);
  const files = installed.write.map((w) => w.path);
  switch (context.platform) {
    case "win32":
      return {
        write: [],
        remove: files,
        steps: [{ command: ["schtasks", "/End", "/TN", WINDOWS_TASK_NAME], mayFail: true }, { command: ["schtasks", "/Delete", "/TN", WINDOWS_TASK_NAME, "/F"] }],
        notes: [`Task "${WINDOWS_TASK_NAME}" removed.`],
      };
    case "linux":
      return {
        write: [],
        remove: files,
        steps: [{ command: ["systemctl", "--user", "disable", "--now", SYSTEMD_UNIT_FILE], mayFail: true }, { command: ["systemctl", "--user", "daemon-reload"], mayFail: true }],
        notes: [`Unit ${SYSTEMD_UNIT_FILE} removed.`],
      };
    case "darwin":
      return {
        write: [],
        remove: files,
        steps: [{ command: ["launchctl", "bootout", `gui/${context.uid ?? 501}/${LAUNCHD_LABEL}`], mayFail: true }],
        notes: [`launchd agent ${LAUNCHD_LABEL} removed.`],
      };
  }
}
