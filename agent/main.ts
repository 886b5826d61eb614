/**
 * `npm run agent -- --server https://… --token tma_…`: the program on a studio PC.
 * It resolves the settings, reads the apps' screen data, then a Fleet (fleet.ts) watches the
 * adb server and keeps one link per phone, each running the scripts (scripts/) on its phone
 * through the adb driver, until SIGINT or SIGTERM.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AdbkitDriver } from "./adb";
import { Adb } from "./adb/adbkit";
import { shellLine } from "./adb/shell-text";
import { type AgentConfig, ConfigError, loadConfig } from "./config";
import { Fleet, type PhoneDescription } from "./fleet";
import { LibraryCache } from "./library/library-cache";
import { loadApps } from "./scripts/apps/load-apps";
import { PhoneScripts } from "./scripts";
import { LocalFolders } from "./scripts/post/local-folder";

async function runFleet(config: AgentConfig): Promise<void> {
  const client = Adb.createClient({ host: config.adbHost, port: config.adbPort });
  const apps = loadApps();
  const cacheDir = join(config.stateDir, "cache");
  // One record of used local-folder files for all phones: two phones never post the same file.
  const folders = new LocalFolders(join(config.stateDir, "local-folders.json"));
  const { materialRoots } = config;
  const download = { allowedNetworks: config.downloadPrivateNetworks };
  // One cache of library materials for all phones: a video posted on ten phones is fetched once.
  const library = new LibraryCache({ server: config.server, token: config.token, dir: join(config.stateDir, "library"), maxBytes: config.libraryCacheBytes });
  await library.sweep();
  const fleet = new Fleet({
    ...config,
    executorFor: (serial) => new PhoneScripts({ driver: new AdbkitDriver(client, serial), apps, cacheDir, materialRoots, download, folders, library }),
    describe: (serial) => describePhone(new AdbkitDriver(client, serial, { timeoutMs: 10_000 })),
  });
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

async function describePhone(driver: AdbkitDriver): Promise<PhoneDescription> {
  const [model, androidVersion] = await Promise.all(
    ["ro.product.model", "ro.build.version.release"].map(async (property) => (await driver.shell(shellLine`getprop ${property}`)).stdout.trim()),
  );
  return { model: model ?? "", androidVersion: androidVersion ?? "" };
}

/** The default materials folder is made at start, so a user finds where to put files. */
async function ensureDefaultMaterials(config: AgentConfig): Promise<void> {
  const defaultRoot = join(config.stateDir, "materials");
  if (config.materialRoots.includes(defaultRoot)) await mkdir(defaultRoot, { recursive: true });
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
      `materials  ${config.materialRoots.length === 0 ? "(no local folders: URLs only)" : config.materialRoots.join(", ")}`,
      `library    ${join(config.stateDir, "library")} (up to ${(config.libraryCacheBytes / 1024 ** 3).toFixed(1)} GB)`,
      ...(config.downloadPrivateNetworks.length === 0 ? [] : [`downloads  public addresses and ${config.downloadPrivateNetworks.join(", ")}`]),
      "",
    ].join("\n"),
  );
  await ensureDefaultMaterials(config);
  await runFleet(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`agent: ${error.message}\n`);
  process.exitCode = 2;
}
