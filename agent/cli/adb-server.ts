import type { Client } from "@devicefarmer/adbkit";
import { withDeadline } from "../adb";
import { Adb } from "../adb/adbkit";

/** A phone as the adb server lists it: `device` when it can be driven, else why not (unauthorized, offline, …). */
export interface ListedPhone {
  serial: string;
  state: string;
}

/** Deadline of one question to the adb server: it answers in milliseconds when it is up. */
const ADB_TIMEOUT_MS = 10_000;

export interface AdbServer {
  client: Client;
  /** adb's protocol version (41 for platform tools of recent years). */
  version(): Promise<number>;
  phones(): Promise<ListedPhone[]>;
}

/**
 * The adb server of the settings. Like `adb devices`, adbkit starts the server when nothing
 * answers on the port (with the `adb` on PATH); a missing adb shows as the error of that.
 */
export function adbServer(host: string, port: number): AdbServer {
  const client = Adb.createClient({ host, port });
  return {
    client,
    version: () => withDeadline("adb version", ADB_TIMEOUT_MS, client.version()),
    phones: async () => {
      const devices = await withDeadline("adb devices", ADB_TIMEOUT_MS, client.listDevices());
      return devices.map((device) => ({ serial: device.id, state: String(device.type) })).sort((a, b) => a.serial.localeCompare(b.serial));
    },
  };
}

/** An error's own words, for a line of output (no stack: these are expected failures). */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
