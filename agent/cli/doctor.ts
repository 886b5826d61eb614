import { loadLocalConfig } from "../config";
import type { Platform } from "../../shared/platforms";
import type { AppData } from "../scripts/apps/app-data";
import { loadApps } from "../scripts/apps/load-apps";
import { adbServer, type ListedPhone, reason } from "./adb-server";
import { type Check, type CheckGroup, formatGroups, ok, problem } from "./check";
import { checkPhone } from "./phone-checks";
import { checkWorker } from "./worker-check";

/** `tikmatrix-agent doctor`: prints every check, and exits 0 only when none found a problem. */
export async function doctorCommand(args: readonly string[]): Promise<number> {
  const config = await loadLocalConfig(args, process.env);
  const groups = await doctor(config);
  const problems = groups.flatMap((group) => group.checks).filter((check) => !check.ok).length;
  process.stdout.write(`${formatGroups(groups)}\n\n${problems === 0 ? "All checks passed." : `${problems} ${problems === 1 ? "problem" : "problems"} found.`}\n`);
  return problems === 0 ? 0 : 1;
}

export interface DoctorSettings {
  adbHost: string;
  adbPort: number;
  server: string | undefined;
  token: string | undefined;
}

/** The checks, grouped: this PC (screen data, adb server), each phone, the Worker. */
export async function doctor(settings: DoctorSettings): Promise<CheckGroup[]> {
  const worker = checkWorker(settings.server, settings.token);
  const adb = adbServer(settings.adbHost, settings.adbPort);
  const here: Check[] = [];
  let apps: Record<Platform, AppData> | undefined;
  try {
    apps = loadApps();
    here.push(ok("screen data of TikTok, Instagram and Android's dialogs read"));
  } catch (error) {
    here.push(problem(`the screen data cannot be read: ${reason(error)}`, "reinstall the agent (the files next to it are damaged or were edited wrongly)"));
  }
  let phones: ListedPhone[] | undefined;
  try {
    const version = await adb.version();
    phones = await adb.phones();
    here.push(ok(`adb server at ${settings.adbHost}:${settings.adbPort} (protocol version ${version}), ${phones.length === 1 ? "1 phone" : `${phones.length} phones`} listed`));
  } catch (error) {
    here.push(
      problem(
        `cannot reach the adb server at ${settings.adbHost}:${settings.adbPort}: ${reason(error)}`,
        "install the Android platform tools (https://developer.android.com/tools/releases/platform-tools) and put adb on PATH, or start it (adb start-server); --adb-host/--adb-port must match it",
      ),
    );
  }
  if (phones?.length === 0) {
    here.push(problem("no phone is plugged in", "plug the phone in with a data cable and turn on USB debugging (Settings > About phone: tap Build number 7 times; then Developer options > USB debugging)"));
  }
  const phoneGroups = await Promise.all((phones ?? []).map((phone) => checkPhone(adb, phone, apps)));
  return [{ title: "this PC", checks: here }, ...phoneGroups, { title: "worker", checks: [await worker] }];
}
