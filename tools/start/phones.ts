import { isListening } from "../lib/port";
import { Simulation } from "../simulate/simulation";
import { AdbServer } from "./adb-server";
import { findAdb } from "./find-adb";
import { installAdbMessage } from "./install-adb";
import type { Shutdown } from "./shutdown";

/** The adb server's standard port, where the user's own server (and their phones) are. */
export const STANDARD_ADB_PORT = 5037;

/**
 * Which phones the agent drives, decided before wrangler starts so that a taken phone
 * port fails at once rather than after the server has come up.
 */
export type PhonePlan =
  /** No adb: the API runs without an agent, and the ready banner says how to install adb. */
  | { kind: "none"; message: string }
  /** The phones plugged in, through the adb server on 5037; `adbBin` undefined when not on PATH but a server answers. */
  | { kind: "usb"; adbBin: string | undefined }
  | { kind: "simulated"; simulation: Simulation };

export interface PhoneSetup {
  adbPort: number;
  /** Set for simulated phones: their serials, in order. */
  serials: string[] | undefined;
  /** The user's server was not running and npm start started it (and will stop it). */
  startedAdbServer: boolean;
}

export async function planPhones(simulate: number | undefined, firstPort: number, shutdown: Shutdown): Promise<PhonePlan> {
  const adbBin = await findAdb();
  if (simulate !== undefined) {
    if (adbBin === undefined) return { kind: "none", message: installAdbMessage(true) };
    const simulation = await Simulation.start(adbBin, simulate, firstPort);
    shutdown.add({ name: "simulated phones", stop: () => simulation.stop() });
    return { kind: "simulated", simulation };
  }
  // A server can answer on 5037 without adb on PATH (Android Studio starts its own copy).
  if (adbBin === undefined && !(await isListening(STANDARD_ADB_PORT))) return { kind: "none", message: installAdbMessage(false) };
  return { kind: "usb", adbBin };
}

/** Brings up the adb server the plan needs (registered with `shutdown`) and attaches the simulated phones. */
export async function setUpPhones(plan: PhonePlan, samplePath: string, shutdown: Shutdown): Promise<PhoneSetup | undefined> {
  switch (plan.kind) {
    case "none":
      return undefined;
    case "usb": {
      if (plan.adbBin === undefined || (await isListening(STANDARD_ADB_PORT))) {
        return { adbPort: STANDARD_ADB_PORT, serials: undefined, startedAdbServer: false };
      }
      // Started here rather than by the agent's adb client on first use, so that it is
      // ours to stop on Ctrl-C and a failure to start shows as adb's own words.
      const server = new AdbServer(plan.adbBin, STANDARD_ADB_PORT);
      await server.start();
      shutdown.add({ name: "adb server", stop: () => server.kill() });
      return { adbPort: STANDARD_ADB_PORT, serials: undefined, startedAdbServer: true };
    }
    case "simulated": {
      const adbPort = await plan.simulation.attach(samplePath);
      return { adbPort, serials: plan.simulation.serials, startedAdbServer: true };
    }
  }
}
