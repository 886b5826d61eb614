import { EventEmitter } from "node:events";
import type { Client } from "@devicefarmer/adbkit";
import { type BackoffPolicy, backoffDelay } from "../backoff";
import type { Logger } from "../logger";
import { Adb } from "./adbkit";
import { withDeadline } from "./deadline";

type Tracker = Awaited<ReturnType<Client["trackDevices"]>>;

export interface PhoneTrackerOptions {
  /** The adb server (config adbHost / adbPort). */
  host: string;
  port: number;
  /** How often the device list is read in full, to catch what track-devices misses. */
  reconcileMs?: number;
  /** Deadline of one adb call (connecting the tracker, listing devices). */
  timeoutMs?: number;
  /** Reconnecting to the adb server after it went away. */
  backoff?: BackoffPolicy;
  log?: Logger;
}

interface PhoneTrackerEvents {
  /** The phone is usable: state "device" (not offline, unauthorized, recovery…). */
  online: [serial: string];
  /** The phone left, or changed to a state where commands fail. */
  offline: [serial: string];
  /** What the server lists for a phone changed (device, unauthorized, offline, …; "removed" when unlisted). */
  state: [serial: string, state: string];
}

const SERVER_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, jitter: 0.2 };
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Which phones the adb server can drive, as online/offline edges. track-devices alone is not
 * enough: when a network phone drops, the server lists it "offline" at once but tells the
 * tracker nothing for about 60 s, so a full list is read every few seconds as well. When
 * the server itself goes away (killed, restarted by another tool, crashed) every phone goes
 * offline with it, and the tracker reconnects with backoff and reads the list again.
 */
export class PhoneTracker extends EventEmitter<PhoneTrackerEvents> {
  private readonly client: Client;
  private readonly online = new Set<string>();
  /** Every phone the server lists, in its state: the unauthorized and offline ones too, for the server's device list. */
  private readonly listed = new Map<string, string>();
  private readonly log: Logger;
  private tracker: Tracker | undefined;
  private running = false;
  private failures = 0;
  private reconciling = false;
  /** Counts tracker events, so a device list read while one arrived is known to be stale. */
  private trackerEvents = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PhoneTrackerOptions) {
    super();
    // The port is always explicit: adbkit ignores ADB_PORT, and on ECONNREFUSED it runs
    // `adb -P <port> start-server` itself, which must be the configured server.
    this.client = Adb.createClient({ host: options.host, port: options.port });
    this.log = options.log ?? silent;
  }

  /** Serials currently online. */
  get phones(): string[] {
    return [...this.online];
  }

  /** Every phone the adb server lists, with its state as the server words it. */
  get states(): { serial: string; state: string }[] {
    return [...this.listed].map(([serial, state]) => ({ serial, state }));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.options.reconcileMs ?? 5_000);
  }

  /** Stops watching; emits nothing more (phones are not reported offline on the way out). */
  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.reconcileTimer);
    const tracker = this.tracker;
    this.tracker = undefined;
    tracker?.end();
  }

  private async connect(): Promise<void> {
    const pending = this.client.trackDevices();
    try {
      // A tracker that arrives after the deadline is ended, not leaked.
      const tracker = await withDeadline("track devices", this.timeoutMs(), pending, () => void pending.then((late) => late.end(), () => undefined));
      if (!this.running) {
        tracker.end();
        return;
      }
      this.tracker = tracker;
      tracker.on("add", (device: { id: string; type: string }) => this.tracked(device.id, device.type));
      tracker.on("change", (device: { id: string; type: string }) => this.tracked(device.id, device.type));
      tracker.on("remove", (device: { id: string }) => this.tracked(device.id, "removed"));
      tracker.on("error", (error: unknown) => {
        this.log.warn(`adb device tracking failed: ${String(error)}`);
        this.lost(tracker);
      });
      tracker.on("end", () => this.lost(tracker));
      this.failures = 0;
      this.log.info(`watching phones on adb server ${this.options.host}:${this.options.port}`);
      // What changed while we were away is not replayed by the tracker: read it.
      await this.reconcile();
    } catch (error) {
      this.log.warn(`cannot reach the adb server ${this.options.host}:${this.options.port}: ${String(error)}`);
      this.retry();
    }
  }

  private lost(tracker: Tracker): void {
    if (this.tracker !== tracker) return;
    this.tracker = undefined;
    if (!this.running) return;
    // The server's transports die with it: no phone can be driven until it is back.
    for (const serial of [...this.online]) this.gone(serial);
    this.retry();
  }

  private retry(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), backoffDelay(this.options.backoff ?? SERVER_BACKOFF, this.failures++));
  }

  private async reconcile(): Promise<void> {
    // Only while tracking: a list from a server we are not tracking could undo `lost`.
    if (this.reconciling || !this.running || this.tracker === undefined) return;
    this.reconciling = true;
    const seen = this.trackerEvents;
    try {
      const devices = await withDeadline("list devices", this.timeoutMs(), this.client.listDevices());
      // A tracker event that came while the list was on its way is newer than the list:
      // applying the list would undo it (e.g. "offline" after the tracker said "device").
      if (!this.running || this.trackerEvents !== seen) return;
      const listed = new Set(devices.map((device) => device.id));
      for (const device of devices) this.apply(device.id, device.type);
      for (const serial of [...this.online]) if (!listed.has(serial)) this.gone(serial);
      for (const serial of [...this.listed.keys()]) if (!listed.has(serial)) this.note(serial, "removed");
    } catch (error) {
      this.log.warn(`cannot list adb devices: ${String(error)}`);
    } finally {
      this.reconciling = false;
    }
  }

  private tracked(serial: string, type: string): void {
    this.trackerEvents++;
    this.apply(serial, type);
  }

  private apply(serial: string, type: string): void {
    this.note(serial, type);
    if (type !== "device") {
      this.gone(serial);
      return;
    }
    if (this.online.has(serial)) return;
    this.online.add(serial);
    this.emit("online", serial);
  }

  private note(serial: string, state: string): void {
    if (this.listed.get(serial) === state || (state === "removed" && !this.listed.has(serial))) return;
    if (state === "removed") this.listed.delete(serial);
    else this.listed.set(serial, state);
    this.emit("state", serial, state);
  }

  private gone(serial: string): void {
    if (this.online.delete(serial)) this.emit("offline", serial);
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }
}
