/**
 * `npm run agent -- --server https://… --token tma_…`: the program on a studio PC.
 * It resolves the settings, then a Fleet (fleet.ts) watches the adb server and keeps one
 * link per phone. The script the phones run (a ScriptExecutor on the adb driver) is not
 * written yet, so for now it checks the settings, says what it would do, and exits before
 * connecting to anything.
 */
import { type AgentConfig, ConfigError, loadConfig } from "./config";
import { Fleet } from "./fleet";
import type { ScriptExecutor } from "./runner";

/** The script for one phone. The post script comes in the next step; until then there is none. */
function postScript(): ((serial: string) => ScriptExecutor) | undefined {
  return undefined;
}

/** Links every phone adb can drive until SIGINT / SIGTERM. */
async function runFleet(config: AgentConfig, executorFor: (serial: string) => ScriptExecutor): Promise<void> {
  const fleet = new Fleet({ ...config, executorFor });
  fleet.start();
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`agent: ${signal}, closing the links\n`);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await fleet.stop();
}

try {
  const config = await loadConfig(process.argv.slice(2), process.env);
  process.stdout.write(
    [
      `server     ${config.server}`,
      `token      ${config.token.slice(0, 16)}_… (agent token)`,
      `adb        ${config.adbHost}:${config.adbPort}`,
      `state dir  ${config.stateDir}`,
      `agent id   ${config.agentId}`,
      "",
    ].join("\n"),
  );
  const executorFor = postScript();
  if (executorFor === undefined) {
    process.stderr.write("agent: the post script is not implemented yet: not connecting to adb or the server\n");
    process.exitCode = 1;
  } else {
    await runFleet(config, executorFor);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`agent: ${error.message}\n`);
  process.exitCode = 2;
}
