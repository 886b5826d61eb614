import { ADB_KEYBOARD_PACKAGE, type AppModel, type DeviceProfile, FakePhone, InstagramApp, PROFILES, TikTokApp } from "../../fake-phone";
import { UserError } from "../lib/errors";
import { logAppEvents, type WatchedApp } from "./app-log";

/** Long enough to watch "Posting..." on a dump, short enough that a demo task ends in seconds. */
const UPLOAD_MS = 3_000;

export interface SimulatedPhones {
  /** `127.0.0.1:<port>`, in port order: what the adb server lists and a task names. */
  readonly serials: string[];
  stop(): Promise<void>;
}

/**
 * `count` fake phones on consecutive fixed ports from `firstPort`, so their serials are
 * known before anything starts (the README's curl names 127.0.0.1:7701). Each has TikTok
 * and Instagram with one logged-in account, and ADBKeyBoard, which the post script needs
 * for captions beyond ASCII such as the README's Chinese one. They take the device profiles
 * in turn (a Pixel with gesture navigation, a Galaxy with three buttons, a Redmi in
 * Chinese), so a demo meets what a rack of real phones shows.
 */
export async function startSimulatedPhones(count: number, firstPort: number): Promise<SimulatedPhones> {
  const phones: FakePhone[] = [];
  const watched: WatchedApp[] = [];
  let stopLog: () => void = () => undefined;
  const stop = async () => {
    stopLog();
    await Promise.all(phones.map((phone) => phone.stop()));
  };
  try {
    for (let i = 0; i < count; i++) {
      const tiktok = new TikTokApp({ uploadMs: UPLOAD_MS });
      const instagram = new InstagramApp({ uploadMs: UPLOAD_MS });
      const phone = await startPhone(firstPort + i, firstPort, [tiktok, instagram], PROFILES[i % PROFILES.length]);
      phones.push(phone);
      watched.push({ serial: phone.serial, label: "TikTok", app: tiktok }, { serial: phone.serial, label: "Instagram", app: instagram });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  stopLog = logAppEvents(watched);
  return { serials: phones.map((phone) => phone.serial), stop };
}

async function startPhone(port: number, firstPort: number, apps: AppModel[], profile: DeviceProfile | undefined): Promise<FakePhone> {
  try {
    return await FakePhone.start({
      port,
      apps,
      profile,
      packages: [ADB_KEYBOARD_PACKAGE],
      // A name that says it is simulated, and which real phone it plays.
      identity: { product: "simphone", model: `Simulated_${profile?.identity.model ?? "Phone"}_${port - firstPort + 1}`, device: "simphone" },
    });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      throw new UserError(
        `port ${port} on 127.0.0.1 is taken, and simulated phone ${port - firstPort + 1} needs it ` +
          `(another npm start --simulate?); stop that, or pick other ports with --simulate-port <first>, e.g. --simulate-port ${firstPort + 100}`,
      );
    }
    throw error;
  }
}
