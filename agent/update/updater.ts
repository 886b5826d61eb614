import { createHash } from "node:crypto";
import type { Logger } from "../logger";
import { isNewer, updateManifest, type UpdateManifest } from "./update-manifest";
import { swapInstall } from "./swap-install";

export interface UpdaterOptions {
  /** The Worker: it serves the build it was deployed with at /agent/latest.json. */
  server: string;
  currentVersion: string;
  /** The installed package this agent runs from (swap-install.ts installedPackageRoot). */
  packageRoot: string;
  /** No phone takes a new task; resolves when every link is closed (Fleet.drain). */
  drain: () => Promise<void>;
  /** Ends this process so that its service starts the new version (RESTART_EXIT_CODE). */
  restart: () => void;
  log: Logger;
  everyMs?: number;
  firstAfterMs?: number;
}

const EVERY_MS = 30 * 60_000;
/**
 * Soon after start: an agent started after a deploy (a PC switched on, a crash restarted by
 * its service) learns of the build while its phones are idle and the drain is instant, not a
 * minute later, when they may have taken long posts the update must wait for. A few seconds,
 * so that adb and the links come first. One small GET; not a setting, as nobody would tune it.
 */
const FIRST_AFTER_MS = 5_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export type UpdateCheck = "none published" | "current" | "refused" | "updated";

/**
 * Keeps the agent at the version its Worker was deployed with: soon after start and then
 * every half hour it reads /agent/latest.json; a newer build is downloaded, its size and
 * SHA-256 checked, then the phones are drained (running tasks end, no new ones start), the
 * package swapped and the process ended for its service to start the new one. The outbox is
 * on disk, in the state directory, which the swap does not touch: results not yet acked are
 * sent after the restart (e2e/agent-self-update.test.ts).
 */
export class Updater {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly options: UpdaterOptions) {}

  start(): void {
    this.timer = setTimeout(() => void this.tick(), this.options.firstAfterMs ?? FIRST_AFTER_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    await this.checkOnce().catch((error: unknown) => this.options.log.warn(`update check failed: ${String(error)}`));
    this.timer = setTimeout(() => void this.tick(), this.options.everyMs ?? EVERY_MS);
  }

  async checkOnce(): Promise<UpdateCheck> {
    if (this.busy) return "current";
    this.busy = true;
    try {
      const manifest = await this.latest();
      if (manifest === undefined) return "none published";
      if (!isNewer(manifest.version, this.options.currentVersion)) return "current";
      const tarball = await this.download(manifest);
      if (tarball === undefined) return "refused";
      const { log } = this.options;
      log.info(`updating ${this.options.currentVersion} -> ${manifest.version}: waiting for the phones' running tasks to end, starting no new ones`);
      await this.options.drain();
      await swapInstall(this.options.packageRoot, tarball, manifest.version);
      log.info(`installed ${manifest.version}; restarting`);
      this.options.restart();
      return "updated";
    } finally {
      this.busy = false;
    }
  }

  private async latest(): Promise<UpdateManifest | undefined> {
    const response = await fetch(`${this.options.server}/agent/latest.json`, { headers: { "cache-control": "no-cache" }, signal: AbortSignal.timeout(30_000) });
    // A Worker deployed without a build (or the dashboard's page for a path it does not know).
    if (!response.ok || !(response.headers.get("content-type") ?? "").includes("json")) return undefined;
    const parsed = updateManifest.safeParse(await response.json());
    if (!parsed.success) {
      this.options.log.warn(`${this.options.server}/agent/latest.json is not a build's description: ${parsed.error.issues[0]?.message ?? ""}`);
      return undefined;
    }
    return parsed.data;
  }

  private async download(manifest: UpdateManifest): Promise<Buffer | undefined> {
    const url = `${this.options.server}/agent/${manifest.file}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (bytes.length !== manifest.size || sha256 !== manifest.sha256) {
      this.options.log.error(`${url} is ${bytes.length} bytes with SHA-256 ${sha256}, not the ${manifest.size} bytes and ${manifest.sha256} latest.json gives: not installed`);
      return undefined;
    }
    return bytes;
  }
}
