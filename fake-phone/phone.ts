import type { AppModel } from "./apps/app-model.js";
import type { PhoneState } from "./shell/commands.js";
import { FileStore } from "./system/files.js";
import { Foreground } from "./screen/foreground.js";
import { HomeScreen } from "./screen/home-screen.js";
import { InputMethods } from "./system/input-method.js";
import { MediaStore } from "./system/media-store.js";
import type { ScreenModel } from "./screen/screen-model.js";
import { type CommandResult, phoneServices } from "./adb/services.js";
import { runShellLine } from "./shell/shell.js";
import { type DeviceIdentity, type DeviceTransport, startTransport } from "./adb/transport.js";

export interface FakePhoneOptions {
  identity?: DeviceIdentity;
  sdk?: number;
  screenSize?: { width: number; height: number };
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
}

/** A command line the phone received, in arrival order. */
export interface ReceivedCommand {
  line: string;
  exitCode: number;
}

/**
 * A phone the real adb server can `adb connect` to: it answers shell, shell v2 and sync
 * from memory, records every command line, and asks its ScreenModel about app state.
 */
export class FakePhone implements PhoneState {
  readonly files = new FileStore();
  readonly properties: Map<string, string>;
  readonly packages = new Map<string, string>();
  readonly screenSize: { width: number; height: number };
  readonly received: ReceivedCommand[] = [];
  readonly media: MediaStore;
  readonly imes: InputMethods;
  readonly foreground: Foreground;
  readonly settings = new Map<string, string>();
  private transport: DeviceTransport | undefined;

  private constructor(options: FakePhoneOptions) {
    const identity = options.identity ?? defaultIdentity;
    this.screenSize = options.screenSize ?? { width: 1080, height: 2400 };
    this.media = new MediaStore(this.files, options.scanDelayMs);
    this.imes = new InputMethods((pkg) => this.packages.has(pkg));
    const apps = options.apps ?? [];
    this.foreground = new Foreground(options.screen ?? new HomeScreen(this.screenSize.width, this.screenSize.height), apps);
    this.properties = new Map([
      ["ro.build.version.sdk", String(options.sdk ?? 33)],
      ["ro.product.model", identity.model],
      ["ro.product.name", identity.product],
      ["ro.product.device", identity.device],
    ]);
    for (const pkg of options.packages ?? []) this.install(pkg);
    for (const app of apps) {
      this.install(app.package);
      app.attach({ media: this.media, screenSize: this.screenSize });
    }
  }

  static async start(options: FakePhoneOptions = {}): Promise<FakePhone> {
    const phone = new FakePhone(options);
    phone.transport = await startTransport({
      identity: options.identity ?? defaultIdentity,
      openService: phoneServices({ files: phone.files, runShell: (line) => phone.runShell(line) }),
      port: options.port,
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

  /** What is on screen now: the app in front, or the launcher. */
  get screen(): ScreenModel {
    return this.foreground.screen;
  }

  /** The package in front, undefined while the launcher is. */
  get frontPackage(): string | undefined {
    return this.foreground.frontPackage;
  }

  install(pkg: string): void {
    this.packages.set(pkg, `/data/app/~~fake==/${pkg}-1/base.apk`);
  }

  uninstall(pkg: string): void {
    this.packages.delete(pkg);
  }

  async stop(): Promise<void> {
    this.media.close();
    await this.transport?.close();
    this.transport = undefined;
  }

  private runShell(line: string): Promise<CommandResult> {
    // Async so a future screen model can take time (e.g. an upload) without blocking the link.
    return Promise.resolve().then(() => {
      try {
        const result = runShellLine(line, this);
        this.received.push({ line, exitCode: result.exitCode });
        return result;
      } catch (error) {
        // Still recorded: a test asserting on commands should see the line that broke.
        this.received.push({ line, exitCode: 255 });
        throw error;
      }
    });
  }

  private requireTransport(): DeviceTransport {
    if (this.transport === undefined) throw new Error("FakePhone is not started");
    return this.transport;
  }
}

const defaultIdentity: DeviceIdentity = { product: "fakephone", model: "Fake_Phone_13", device: "fake" };
