import { UserError } from "../lib/errors";
import { freePort } from "../testing/free-port";
import { AdbServer } from "../start/adb-server";

/**
 * An adb server of our own on a free port, so the user's server on 5037 (and whatever
 * uses it: Android Studio, their phones) is never touched, and the agent sees only the
 * simulated phones. The caller must kill() it: the adb daemon outlives its starter.
 */
export async function startPrivateAdbServer(adbBin: string): Promise<AdbServer> {
  const server = new AdbServer(adbBin, await freePort());
  await server.start();
  return server;
}

/** `adb connect` each phone, as a studio attaches a phone over Wi-Fi. */
export async function connectPhones(server: AdbServer, serials: readonly string[]): Promise<void> {
  await Promise.all(
    serials.map(async (serial) => {
      const run = await server.run(["connect", serial]);
      // adb says "failed to connect …" with exit code 0, so the words decide.
      if (!run.stdout.includes("connected to")) {
        throw new UserError(`adb could not attach the simulated phone ${serial}: ${(run.stdout + run.stderr).trim()}`);
      }
    }),
  );
}
