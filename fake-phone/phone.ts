import type { AppModel } from "./apps/app-model.js";
import type { CommandResult } from "./adb/services.js";
import { phoneServices } from "./adb/services.js";
import { type DeviceIdentity, type DeviceTransport, startTransport } from "./adb/transport.js";
import { Foreground } from "./screen/foreground.js";
import { HomeScreen } from "./screen/home-screen.js";
import type { ScreenModel } from "./screen/screen-model.js";
import type { InstalledPackage, PhoneState } from "./shell/commands.js";
import { runShellLine } from "./shell/shell.js";
import { type DeviceProfile, PIXEL_7 } from "./system/device-profile.js";
import { type ConditionState, PhoneCondition } from "./system/condition.js";
import { FileStore } from "./system/files.js";
import { InputMethods } from "./system/input-method.js";
import { MediaStore } from "./system/media-store.js";
import { Permissions } from "./system/permissions.js";
import { seededRandom } from "./system/random.js";
import { WindowManager } from "./window/window-manager.js";

export interface FakePhoneOptions {
  /** Screen, navigation, keyboard, language, speed (system/device-profile.ts); default PIXEL_7. */
  profile?: DeviceProfile;
  /** The CNXN banner's product, model and device; default the profile's. */
  identity?: DeviceIdentity;
  /** Installed package names without a screen model, e.g. "com.android.adbkeyboard". */
  packages?: string[];
  /** The launcher: what is on screen while no app is in front. */
  screen?: ScreenModel;
  /** Installed apps with modelled screens (TikTokApp, InstagramApp); each counts as installed. */
  apps?: AppModel[];
  /** How long the media scanner takes to index a file after the scan broadcast. */
  scanDelayMs?: number;
  /** The port `adb connect` reaches, fixing the serial `127.0.0.1:<port>`; default: any free one. */
  port?: number;
  /** Seeds the phone's flakiness (which dumps fail, how long each takes). */
  seed?: number;
  /**
   * "prompt": USB debugging is on but this computer's key was never accepted, so the phone
   * shows "Allow USB debugging?" and the adb server lists it `unauthorized` (default "allowed").
   */
  usbDebugging?: "allowed" | "prompt";
  /** Battery, screen and storage to start with (system/condition.ts); `phone.condition.set()` changes them later. */
  condition?: Partial<ConditionState>;
}

/** A command line the phone received, in arrival order. */
export interface ReceivedCommand {
  line: string;
  exitCode: number;
}

/**
 * A phone the real adb server can `adb connect` to: it answers shell, shell v2 and sync
 * from memory, records every command line, and draws its screen as windows (the app in
 * front, dialogs, the keyboard, the system bars) that dumps and taps go through.
 */
export class FakePhone implements PhoneState {
  readonly profile: DeviceProfile;
  /** "prompt": the adb server lists this phone `unauthorized` (FakePhoneOptions.usbDebugging). */
  readonly usbDebugging: "allowed" | "prompt";
  readonly files = new FileStore();
  readonly properties: Map<string, string>;
  readonly packages = new Map<string, InstalledPackage>();
  readonly received: ReceivedCommand[] = [];
  readonly events: string[] = [];
  readonly media: MediaStore;
  readonly imes: InputMethods;
  readonly permissions: Permissions;
  readonly foreground: Foreground;
  readonly windows: WindowManager;
  readonly settings = new Map<string, string>();
  readonly condition: PhoneCondition;
  readonly random: () => number;
  private readonly identity: DeviceIdentity;
  private transport: DeviceTransport | undefined;

  private constructor(options: FakePhoneOptions) {
    this.profile = options.profile ?? PIXEL_7;
    this.usbDebugging = options.usbDebugging ?? "allowed";
    this.identity = options.identity ?? this.profile.identity;
    this.random = seededRandom(options.seed ?? 1);
    this.condition = new PhoneCondition(options.condition);
    this.media = new MediaStore(this.files, options.scanDelayMs);
    this.imes = new InputMethods({ isInstalled: (pkg) => this.packages.has(pkg), keyboard: this.profile.keyboard, bindMs: this.profile.slow.imeBindMs });
    this.permissions = new Permissions(this.profile.sdk, this.profile.grantRefused === true);
    const apps = options.apps ?? [];
    this.foreground = new Foreground(options.screen ?? new HomeScreen(), apps, (pkg) => this.permissions.forget(pkg));
    this.windows = new WindowManager({
      profile: this.profile,
      foreground: this.foreground,
      imes: this.imes,
      permissions: this.permissions,
      labelOf: (pkg) => this.foreground.app(pkg)?.label ?? pkg,
    });
    this.properties = new Map([
      ["ro.build.version.sdk", String(this.profile.sdk)],
      ["ro.product.model", this.identity.model],
      ["ro.product.name", this.identity.product],
      ["ro.product.device", this.identity.device],
      ["persist.sys.locale", this.profile.locale],
    ]);
    for (const pkg of options.packages ?? []) this.install(pkg);
    for (const app of apps) {
      this.install(app.package, app.versionName, app.versionCode);
      this.permissions.declare(app.package, app.manifestPermissions(this.profile.sdk));
      app.attach({
        media: this.media,
        profile: this.profile,
        permissions: this.permissions,
        keyboard: { show: () => this.imes.show(), hide: () => this.imes.hide() },
        random: this.random,
      });
    }
  }

  static async start(options: FakePhoneOptions = {}): Promise<FakePhone> {
    const phone = new FakePhone(options);
    phone.transport = await startTransport({
      identity: phone.identity,
      openService: phoneServices({ files: phone.files, runShell: (line) => phone.runShell(line) }),
      port: options.port,
      authorized: options.usbDebugging !== "prompt",
    });
    return phone;
  }

  /** Where `adb connect` reaches the phone. */
  get host(): string {
    return this.requireTransport().host;
  }

  get port(): number {
    return this.requireTransport().port;
  }

  /** The serial the adb server lists the phone under once connected. */
  get serial(): string {
    return `${this.host}:${this.port}`;
  }

  /** Command lines only, for terse assertions. */
  get commands(): string[] {
    return this.received.map((command) => command.line);
  }

  /** What is in front: the app's activity, or the launcher. */
  get screen(): ScreenModel {
    return this.foreground.screen;
  }

  /** The package in front, undefined while the launcher is. */
  get frontPackage(): string | undefined {
    return this.foreground.frontPackage;
  }

  install(pkg: string, versionName = "1.0", versionCode = 1): void {
    this.packages.set(pkg, { apk: `/data/app/~~fake==/${pkg}-1/base.apk`, versionName, versionCode });
  }

  uninstall(pkg: string): void {
    this.packages.delete(pkg);
  }

  async stop(): Promise<void> {
    this.media.close();
    await this.transport?.close();
    this.transport = undefined;
  }

  private async runShell(line: string): Promise<CommandResult> {
    try {
      const result = await runShellLine(line, this);
      this.received.push({ line, exitCode: result.exitCode });
      return result;
    } catch (error) {
      // Still recorded: a test asserting on commands should see the line that broke.
      this.received.push({ line, exitCode: 255 });
      throw error;
    }
  }

  private requireTransport(): DeviceTransport {
    if (this.transport === undefined) throw new Error("FakePhone is not started");
    return this.transport;
  }
}
