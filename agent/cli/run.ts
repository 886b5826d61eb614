import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type AgentConfig, loadConfig } from "../config";
import { RotatingLogFile } from "../log-file";
import { addLogSink, consoleLogger } from "../logger";
import { startLocalApi } from "../local-api/local-api";
import { runFleet } from "../run-fleet";
import { AGENT_VERSION } from "../version";

/** `tikmatrix-agent run`: resolve the settings, say what they are, and run the fleet until a signal. */
export async function runCommand(args: readonly string[]): Promise<number> {
  const config = await loadConfig(args, process.env);
  process.stdout.write(banner(config));
  await ensureDefaultMaterials(config);
  // Before the log file and the fleet: a port in use exits 2 with one line, not a crash.
  const localApi = config.localApi === undefined ? undefined : await startLocalApi({ ...config.localApi, server: config.server, log: consoleLogger("local-api") });
  const file = new RotatingLogFile(join(config.stateDir, "logs"));
  const removeSink = addLogSink((line) => file.write(line));
  const log = consoleLogger("agent");
  log.info(`tikmatrix-agent ${AGENT_VERSION} (Node ${process.version}, ${process.platform}) for ${config.server}, agent id ${config.agentId}, adb ${config.adbHost}:${config.adbPort}`);
  try {
    await runFleet(config, log);
    log.info("stopped");
    return 0;
  } catch (error) {
    // The crash's stack in the file too: whoever reads the log later has no terminal to scroll.
    log.error(`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    await localApi?.close();
    removeSink();
    file.close();
  }
}

function banner(config: AgentConfig): string {
  return [
    `server     ${config.server}`,
    `token      ${config.token.slice(0, 16)}_… (agent token)`,
    `adb        ${config.adbHost}:${config.adbPort}`,
    `state dir  ${config.stateDir}`,
    `agent id   ${config.agentId}`,
    `materials  ${config.materialRoots.length === 0 ? "(no local folders: URLs only)" : config.materialRoots.join(", ")}`,
    `library    ${join(config.stateDir, "library")} (up to ${(config.libraryCacheBytes / 1024 ** 3).toFixed(1)} GB)`,
    ...(config.downloadPrivateNetworks.length === 0 ? [] : [`downloads  public addresses and ${config.downloadPrivateNetworks.join(", ")}`]),
    `log        ${join(config.stateDir, "logs", "agent.log")}`,
    ...(config.localApi === undefined ? [] : [`local api  http://127.0.0.1:${config.localApi.port}/api/v1 (TikMatrix's port, API key ${config.localApi.apiKey.slice(0, 16)}_…)`]),
    "",
  ].join("\n");
}

/** The default materials folder is made at start, so a user finds where to put files. */
async function ensureDefaultMaterials(config: AgentConfig): Promise<void> {
  const defaultRoot = join(config.stateDir, "materials");
  if (config.materialRoots.includes(defaultRoot)) await mkdir(defaultRoot, { recursive: true });
}
