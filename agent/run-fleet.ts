import { join } from "node:path";
import { AdbkitDriver } from "./adb";
import { Adb } from "./adb/adbkit";
import type { AgentConfig } from "./config";
import { describePhone } from "./describe-phone";
import { fileURLToPath } from "node:url";
import { Fleet } from "./fleet";
import { RESTART_EXIT_CODE } from "./service/supervise";
import { SUPERVISED_ENV } from "./service/service-spec";
import { cleanUpOld, installedPackageRoot } from "./update/swap-install";
import { Updater } from "./update/updater";
import { AGENT_VERSION } from "./version";
import { readPhoneHealth } from "./health/read-health";
import { DEFAULT_PACKAGES } from "../shared/platforms";
import { ADB_KEYBOARD } from "./scripts/engine/text-entry";
import { LibraryCache } from "./library/library-cache";
import type { Logger } from "./logger";
import { loadApps } from "./scripts/apps/load-apps";
import { PhoneScripts } from "./scripts";
import { LocalFolders } from "./scripts/post/local-folder";

/** The apps whose versions a phone's health report carries: the ones the scripts drive, and the keyboard they type with. */
const HEALTH_PACKAGES = [...Object.values(DEFAULT_PACKAGES).flat(), ADB_KEYBOARD.package];

/**
 * The agent at work: a Fleet (fleet.ts) watches the adb server and keeps one link per phone,
 * each running the scripts (scripts/) on its phone through the adb driver, until SIGINT or
 * SIGTERM; then the links are closed and this resolves.
 */
export async function runFleet(config: AgentConfig, log: Logger): Promise<void> {
  const client = Adb.createClient({ host: config.adbHost, port: config.adbPort });
  // Read once at start, so a broken screen data file stops the agent before any task.
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
    // The server gives a phone too hot or too low on battery no new task (docs/protocol.md, Health).
    healthOf: (serial) => () => readPhoneHealth(new AdbkitDriver(client, serial, { timeoutMs: 10_000 }), HEALTH_PACKAGES),
  });
  fleet.start();
  const updater = updaterFor(config, fleet, log);
  updater?.start();
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info(`${signal}: closing the links`);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  updater?.stop();
  await fleet.stop();
}

/**
 * Updates from the Worker when this agent runs from an installed package under a service,
 * which starts it again after the swap; otherwise (from source, or in a terminal nobody would
 * restart) it only says when a newer build is there. Off with auto_update: false.
 */
function updaterFor(config: AgentConfig, fleet: Fleet, log: Logger): Updater | undefined {
  const packageRoot = installedPackageRoot(fileURLToPath(import.meta.url));
  if (!config.autoUpdate || packageRoot === undefined) return undefined;
  void cleanUpOld(packageRoot).catch(() => undefined);
  const supervised = process.env[SUPERVISED_ENV] === "1";
  return new Updater({
    server: config.server,
    currentVersion: AGENT_VERSION,
    packageRoot,
    log,
    drain: supervised ? () => fleet.drain() : () => Promise.reject(new Error("a newer agent is served: install-service keeps the agent updated; in a terminal, install the new tarball and start it again")),
    restart: () => process.exit(RESTART_EXIT_CODE),
  });
}
