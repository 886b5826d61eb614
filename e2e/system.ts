import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, startDevServer } from "../agent/testing/dev-server";
import { ADB_KEYBOARD_PACKAGE, type AppModel, FakePhone, type FakePhoneOptions } from "../fake-phone";
import { TestAdbServer } from "../fake-phone/testing";
import { startTcpProxy, type TcpProxy } from "../agent/testing/tcp-proxy";
import { type AgentProcess, startAgentProcess } from "../tools/lib/agent-process";

/**
 * The product as a studio runs it, on one machine: wrangler dev (local D1 and Durable
 * Objects), the agent program as a child process, and fake phones behind the real adb
 * server. Everything goes over HTTP and WebSocket as in production. The agent reaches the
 * server through a TCP relay, so a test can cut the network between them.
 */
export interface StudioPhone {
  phone: FakePhone;
  /** The phone's one app (TikTok or Instagram), whose record a test reads. */
  app: AppModel;
  serial: string;
}

export type Task = Record<string, unknown> & { id: number; status: number };

export interface StudioOptions {
  /** The agent program (tools/lib/agent-process.ts): by default the source through tsx. */
  agentProgram?: readonly string[];
  /** What runs it: by default this Node; the single executable runs itself. */
  agentCommand?: string;
  /** More of each phone's options, by the apps' order (a hot battery, an unanswered USB-debugging prompt). */
  phones?: readonly Partial<FakePhoneOptions>[];
  /** The server the agent is given, from the relay's URL: by default the relay; a test's stand-in in front of it (e2e/worker-front.ts). */
  agentServer?: (relay: string) => Promise<string>;
}

export class Studio {
  private agentProcess: AgentProcess | undefined;
  private readonly agentOutputs: string[] = [];

  private constructor(
    readonly server: DevServer,
    readonly adb: TestAdbServer,
    readonly network: TcpProxy,
    /** What the agent is told the server is: the relay, or what `agentServer` put in front of it. */
    readonly agentServer: string,
    readonly phones: StudioPhone[],
    readonly dir: string,
    private readonly options: StudioOptions,
  ) {}

  static async start(apps: AppModel[], options: StudioOptions = {}): Promise<Studio> {
    const dir = await mkdtemp(join(tmpdir(), "tikmatrix-e2e-"));
    const [server, adb, phones] = await Promise.all([
      startDevServer(),
      TestAdbServer.start(),
      // ADBKeyBoard on every phone, as a studio's have it for captions and comments beyond ASCII.
      Promise.all(apps.map(async (app, i) => ({ app, phone: await FakePhone.start({ apps: [app], packages: [ADB_KEYBOARD_PACKAGE], scanDelayMs: 100, ...options.phones?.[i] }) }))),
    ]);
    const network = await startTcpProxy(Number(new URL(server.baseUrl).port));
    const relay = `http://127.0.0.1:${network.port}`;
    const studio = new Studio(server, adb, network, await (options.agentServer?.(relay) ?? relay), phones.map(({ app, phone }) => ({ app, phone, serial: phone.serial })), dir, options);
    try {
      for (const { serial } of studio.phones) await studio.plugIn(serial);
      studio.startAgent();
      // A phone waiting on its USB-debugging prompt never comes online: adb cannot drive it.
      const drivable = studio.phones.filter(({ phone }) => phone.usbDebugging !== "prompt").length;
      await studio.until(async () => ((await studio.onlineSerials()).length === drivable ? true : undefined), "every phone is online");
    } catch (error) {
      // The caller gets no studio to stop: nothing it started may outlive the test.
      await studio.stop();
      throw error;
    }
    return studio;
  }

  get agent(): AgentProcess {
    if (this.agentProcess === undefined) throw new Error("the agent is not running");
    return this.agentProcess;
  }

  startAgent(): AgentProcess {
    if (this.agentProcess !== undefined) this.agentOutputs.push(this.agentProcess.output());
    this.agentProcess = startAgentProcess({
      server: this.agentServer,
      token: this.server.agentToken,
      adbPort: this.adb.port,
      stateDir: this.agentStateDir,
      agentId: "e2e-studio-pc",
      // material() writes its files here: the agent may post from this folder alone.
      materialRoots: [this.dir],
      ...(this.options.agentProgram === undefined ? {} : { program: this.options.agentProgram }),
      ...(this.options.agentCommand === undefined ? {} : { command: this.options.agentCommand }),
    });
    return this.agentProcess;
  }

  /** Where the agent keeps its outbox, download cache and id. */
  get agentStateDir(): string {
    return join(this.dir, "agent-state");
  }

  async plugIn(serial: string): Promise<void> {
    const connected = await this.adb.run(["connect", serial]);
    const prompt = this.phones.find((p) => p.serial === serial)?.phone.usbDebugging === "prompt";
    if (!connected.stdout.includes("connected to") && !(prompt && /authenticate/.test(connected.stdout + connected.stderr))) throw new Error(`adb connect ${serial}: ${connected.stdout}${connected.stderr}`);
  }

  /** `adb disconnect`: the adb server drops the phone at once, like a pulled cable. */
  async unplug(serial: string): Promise<void> {
    await this.adb.run(["disconnect", serial]);
  }

  /** A local video file of random bytes (the fake apps do not decode it). */
  async material(name: string): Promise<{ path: string; data: Buffer }> {
    const data = randomBytes(96 * 1024);
    const path = join(this.dir, name);
    await writeFile(path, data);
    return { path, data };
  }

  /** A video of random bytes uploaded to the material library through the API, as a user's script would. */
  async upload(name: string, fields: Record<string, string> = {}): Promise<{ id: number; data: Buffer }> {
    const data = randomBytes(96 * 1024);
    data.set([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0); // an MP4's ftyp box
    const query = new URLSearchParams(fields).toString();
    const response = await this.server.request(`/materials${query === "" ? "" : `?${query}`}`, {
      method: "POST",
      headers: { "content-type": "video/mp4", "x-file-name": name },
      body: data,
    });
    const answer = (await response.json()) as { code: number; message: string; data: { id: number } };
    if (answer.code !== 0) throw new Error(`upload of ${name}: ${answer.code} ${answer.message}`);
    return { id: answer.data.id, data };
  }

  api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    return this.server.api(method, path, body);
  }

  async post(serials: string[], config: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<number[]> {
    const created = await this.api("POST", "/task", { serials, script_name: "post", script_config: config, ...extra });
    return created.task_ids as number[];
  }

  /** An account of the workspace, bound to a phone (POST /accounts). */
  async account(username: string, platform: "tiktok" | "instagram", serial: string): Promise<void> {
    await this.api("POST", "/accounts", { username, platform, device: serial });
  }

  async task(id: number): Promise<Task> {
    return (await this.api("GET", `/task/${id}`)) as Task;
  }

  async ended(id: number, timeoutMs = 60_000): Promise<Task> {
    return this.until(async () => {
      const task = await this.task(id);
      return task.status === 2 || task.status === 3 ? task : undefined;
    }, `task ${id} ends`, timeoutMs);
  }

  async onlineSerials(): Promise<string[]> {
    // One page of 100, the API's largest: the list pages by 20 by default.
    const { devices } = (await this.api("GET", "/devices?page_size=100")) as { devices: Array<{ serial: string; online: boolean }> };
    return devices.filter((device) => device.online).map((device) => device.serial);
  }

  async until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}\n${this.diagnostics()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The agent's and the server's recent output, for a failing assertion. */
  diagnostics(): string {
    const agent = [...this.agentOutputs, this.agentProcess?.output() ?? ""].join("\n--- (agent restarted)\n");
    return `--- agent\n${agent.slice(-5000)}\n--- server\n${this.server.output().slice(-3000)}`;
  }

  async stop(): Promise<void> {
    // The agent first: with the adb server gone, adbkit would try to start it again.
    await this.agentProcess?.stop();
    await this.network.close();
    await Promise.all(this.phones.map(({ phone }) => phone.stop()));
    await this.adb.kill();
    await this.server.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
