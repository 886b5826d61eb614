import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import type { Client } from "@devicefarmer/adbkit";
import { TestAdbServer } from "./adb-server.js";
import { Adb } from "./adbkit.js";
import { FakePhone, type FakePhoneOptions } from "../phone.js";
import { runShellV2 } from "../adb/shell-v2.js";

// Tests of the phone's models drive it the way the agent will: shell lines through adbkit
// and the real adb server, and UI dumps read back as XML. Nothing here reaches into the
// phone's objects, so a test proves what a script would see.

export interface Harness {
  adb: TestAdbServer;
  client: Client;
  /** Starts a phone and waits until the adb server lists it online. */
  phone(options?: FakePhoneOptions): Promise<PhoneShell>;
  stop(): Promise<void>;
}

/**
 * A harness for the test file: started before its tests, stopped after. The returned object
 * stands for the harness once it is started.
 */
export function useHarness(): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  }, 30_000);
  const current = (): Harness => {
    if (started === undefined) throw new Error("the harness is used before its beforeAll ran");
    return started;
  };
  return {
    get adb() {
      return current().adb;
    },
    get client() {
      return current().client;
    },
    phone: (options) => current().phone(options),
    stop: () => current().stop(),
  };
}

export async function startHarness(): Promise<Harness> {
  const adb = await TestAdbServer.start();
  const client = Adb.createClient({ host: "127.0.0.1", port: adb.port });
  const phones: FakePhone[] = [];
  return {
    adb,
    client,
    async phone(options) {
      const phone = await FakePhone.start(options);
      phones.push(phone);
      await attach(adb, client, phone);
      return new PhoneShell(client, phone);
    },
    async stop() {
      for (const phone of phones) await phone.stop();
      await adb.kill();
    },
  };
}

export interface Output {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
}

export interface DumpNode {
  text: string;
  id: string;
  desc: string;
  cls: string;
  pkg: string;
  clickable: boolean;
  enabled: boolean;
  focused: boolean;
  selected: boolean;
  checkable: boolean;
  checked: boolean;
  scrollable: boolean;
  /** The dumper's NAF="true": clickable with no text or description in its subtree. */
  naf: boolean;
  /** Its index among its parent's children (gaps where a child is not visible). */
  index: number;
  /** How deep in the tree: the root is 0. */
  depth: number;
  centre: { x: number; y: number };
  bounds: string;
  rect: { left: number; top: number; right: number; bottom: number };
}

/** What a node is looked up by; `id` may be the part after ":id/". */
export interface Match {
  text?: string;
  desc?: string;
  id?: string;
  clickable?: boolean;
}

export class PhoneShell {
  constructor(
    private readonly client: Client,
    readonly phone: FakePhone,
  ) {}

  async run(command: string): Promise<Output> {
    const result = await runShellV2(this.client.getDevice(this.phone.serial), command, 20_000);
    return { stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8"), exitCode: result.exitCode };
  }

  /**
   * A fresh dump, as a script takes it, tried again while a playing video keeps uiautomator
   * from an idle moment; throws with the phone's words when it still fails.
   */
  async dump(attempts = 8): Promise<DumpNode[]> {
    const path = "/sdcard/harness-ui.xml";
    for (let attempt = 1; ; attempt++) {
      const result = await this.run(`rm -f ${path}; uiautomator dump ${path} >/dev/null && cat ${path}`);
      if (result.exitCode === 0) return parseDump(result.stdout);
      if (attempt >= attempts || !result.stderr.includes("could not get idle state")) throw new Error(`dump failed: ${result.stderr}${result.stdout}`);
    }
  }

  async find(match: Match): Promise<DumpNode | undefined> {
    return (await this.dump()).find((node) => matches(node, match));
  }

  /** Taps the centre of the first node that matches; fails when the screen lacks it. */
  async tap(match: Match): Promise<void> {
    const nodes = await this.dump();
    const node = nodes.find((n) => matches(n, match));
    if (node === undefined) {
      const seen = nodes.map((n) => n.text || n.desc || n.id).filter((label) => label !== "");
      throw new Error(`no node ${JSON.stringify(match)} on screen; it shows ${JSON.stringify(seen)}`);
    }
    await this.ok(`input tap ${node.centre.x} ${node.centre.y}`);
  }

  /** Runs a command that must succeed and returns its stdout. */
  async ok(command: string): Promise<string> {
    const result = await this.run(command);
    if (result.exitCode !== 0) throw new Error(`${command}: exit ${result.exitCode}: ${result.stderr}`);
    return result.stdout;
  }

  /** Pushes bytes through adb sync, as the agent delivers a video. */
  async push(data: Buffer, path: string): Promise<void> {
    const transfer = await this.client.getDevice(this.phone.serial).push(Readable.from([data], { objectMode: false }), path);
    await new Promise<void>((resolve, reject) => {
      transfer.on("end", resolve);
      transfer.on("error", reject);
    });
  }

  /** Scans a file and polls `content query` for its _id, as step 3 of posting does. */
  async index(path: string, table: "video" | "images"): Promise<number> {
    await this.ok(`am broadcast -a android.intent.action.MEDIA_SCANNER_SCAN_FILE -d file://${path}`);
    const where = `_data='${path.replace(/^\/sdcard/, "/storage/emulated/0")}'`;
    return poll(async () => {
      const out = await this.ok(`content query --uri content://media/external/${table}/media --projection _id --where "${where}"`);
      const id = /_id=(\d+)/.exec(out)?.[1];
      return id === undefined ? undefined : Number(id);
    });
  }
}

export function matches(node: DumpNode, { text, desc, id, clickable }: Match): boolean {
  if (clickable !== undefined && node.clickable !== clickable) return false;
  if (text !== undefined && node.text !== text) return false;
  if (desc !== undefined && node.desc !== desc) return false;
  if (id !== undefined && node.id !== id && !node.id.endsWith(`:id/${id}`)) return false;
  return true;
}

/** Retries until `probe` gives a value; real phones index and upload asynchronously. */
export async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function parseDump(xml: string): DumpNode[] {
  if (!xml.startsWith("<?xml")) throw new Error(`not a dump: ${xml.slice(0, 80)}`);
  let depth = -1;
  return [...xml.matchAll(/<node ([^>]*?)(\/?)>|<\/node>/g)].flatMap(([whole, body = "", selfClosing]) => {
    if (whole === "</node>") {
      depth--;
      return [];
    }
    depth++;
    const nodeDepth = depth;
    if (selfClosing === "/") depth--;
    const attributes = new Map([...body.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name = "", value = ""]) => [name, unescape(value)]));
    const get = (name: string): string => attributes.get(name) ?? "";
    const [l = 0, t = 0, r = 0, b = 0] = (get("bounds").match(/-?\d+/g) ?? []).map(Number);
    return {
      text: get("text"),
      id: get("resource-id"),
      desc: get("content-desc"),
      cls: get("class"),
      pkg: get("package"),
      clickable: get("clickable") === "true",
      enabled: get("enabled") === "true",
      focused: get("focused") === "true",
      selected: get("selected") === "true",
      checkable: get("checkable") === "true",
      checked: get("checked") === "true",
      scrollable: get("scrollable") === "true",
      naf: get("NAF") === "true",
      index: Number(get("index")),
      depth: nodeDepth,
      centre: { x: Math.round((l + r) / 2), y: Math.round((t + b) / 2) },
      bounds: get("bounds"),
      rect: { left: l, top: t, right: r, bottom: b },
    };
  });
}

/** XML text as the dump writes it; `fromCodePoint` takes an emoji written as one reference and as two surrogate halves alike. */
function unescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

async function attach(adb: TestAdbServer, client: Client, phone: FakePhone): Promise<void> {
  const connected = await adb.run(["connect", phone.serial]);
  // A phone waiting on its "Allow USB debugging?" prompt: adb says it failed to authenticate, and lists it unauthorized.
  const expected = phone.usbDebugging === "prompt" ? "unauthorized" : "device";
  if (!connected.stdout.includes("connected to") && !(expected === "unauthorized" && /authenticate/.test(connected.stdout + connected.stderr))) {
    throw new Error(`adb connect failed: ${connected.stdout}${connected.stderr}`);
  }
  // The server first lists a new device "offline", then "device" once CNXN is answered.
  await poll(async () => ((await client.listDevices()).some((d) => d.id === phone.serial && d.type === expected) ? true : undefined), 10_000, 50);
}
