import type { AdbServer } from "../start/adb-server";
import { type SimulatedPhones, startSimulatedPhones } from "./phones";
import { connectPhones, startPrivateAdbServer } from "./private-adb";
import { ensureSampleVideo } from "./sample-video";

/**
 * `npm start -- --simulate N`: N fake phones in this process, attached to a private adb
 * server, and the sample video the README's task posts.
 */
export class Simulation {
  private serverStart: Promise<AdbServer> | undefined;

  private constructor(
    private readonly adbBin: string,
    private readonly phones: SimulatedPhones,
  ) {}

  /** Binds the phones' fixed ports (a taken one fails here, before anything else runs). */
  static async start(adbBin: string, count: number, firstPort: number): Promise<Simulation> {
    return new Simulation(adbBin, await startSimulatedPhones(count, firstPort));
  }

  get serials(): string[] {
    return this.phones.serials;
  }

  /** Starts the private adb server, writes the sample video and `adb connect`s every phone; the server's port. */
  async attach(samplePath: string): Promise<number> {
    this.serverStart = startPrivateAdbServer(this.adbBin);
    const [server] = await Promise.all([this.serverStart, ensureSampleVideo(samplePath)]);
    await connectPhones(server, this.phones.serials);
    return server.port;
  }

  /** The phones, then their adb server: the daemon outlives this process unless told to stop. */
  async stop(): Promise<void> {
    await this.phones.stop();
    // A server still starting (Ctrl-C during start-up) is waited for, so it is stopped too.
    const server = await this.serverStart?.catch(() => undefined);
    await server?.kill();
  }
}
