import { homedir } from "node:os";
import { loadConfig } from "../config";
import { consoleLogger } from "../logger";
import { applyPlan } from "../service/apply-plan";
import { installPlan, type PlanContext, type ServicePlatform, uninstallPlan } from "../service/install-plan";
import { selfCommand, spawnSelf, supervise } from "../service/supervise";
import { UsageError } from "./parse";

/** The service runs this very program: node with its flags and the agent's script, or the single executable alone. */
function planContext(stateDir: string): PlanContext {
  const platform = process.platform;
  if (platform !== "win32" && platform !== "linux" && platform !== "darwin") throw new UsageError(`install-service knows Windows, Linux and macOS, not ${platform}`);
  const self = selfCommand();
  return { platform: platform satisfies ServicePlatform, home: homedir(), stateDir, program: self.program, programArgs: self.args, env: process.env, ...(process.getuid === undefined ? {} : { uid: process.getuid() }) };
}

/**
 * `tikmatrix-agent install-service`: the agent starts with the studio user's session and again
 * after a crash (agent/service/). The settings must be complete first (`pair`, or server and
 * token in the config file): the service reads them from the state directory, as `run` does.
 */
export async function installServiceCommand(args: readonly string[]): Promise<number> {
  const config = await loadConfig(args, process.env);
  await applyPlan(installPlan(planContext(config.stateDir)), "files-first", (line) => process.stdout.write(`${line}\n`));
  return 0;
}

export async function uninstallServiceCommand(args: readonly string[]): Promise<number> {
  const config = await loadConfig(args, process.env);
  await applyPlan(uninstallPlan(planContext(config.stateDir)), "commands-first", (line) => process.stdout.write(`${line}\n`));
  return 0;
}

/** `tikmatrix-agent service-run`: `run` under the supervisor (what the Windows task starts). */
export async function serviceRunCommand(args: readonly string[]): Promise<number> {
  await loadConfig(args, process.env); // a setting that is wrong is said once, not in a restart loop
  return supervise({ start: () => spawnSelf(["run", ...args]), log: consoleLogger("service") });
}
