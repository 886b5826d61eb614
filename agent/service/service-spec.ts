/**
 * What a service definition starts: the program and its arguments, where, and where its output
 * goes. The same for every platform; each platform's file (windows-task.ts, systemd-unit.ts,
 * launchd-plist.ts) says it in its own format.
 */
export interface ServiceSpec {
  /** Absolute path of the executable: node, or the agent's single executable. */
  program: string;
  /** Its arguments, each one word (a path with spaces is one argument). */
  args: readonly string[];
  workingDirectory: string;
  /** The agent's state directory: logs are there (logs/agent.log), and launchd's own output. */
  stateDir: string;
}

/**
 * Set in the agent's environment by every service definition (and by service-run): a process
 * that something will start again may end itself to update (agent/update/).
 */
export const SUPERVISED_ENV = "TIKMATRIX_SUPERVISED";

/** The name every platform knows the service by. */
export const SERVICE_NAME = "tikmatrix-agent";
export const SERVICE_DESCRIPTION = "TikMatrix Edge agent: drives this PC's phones for the studio's Worker";
