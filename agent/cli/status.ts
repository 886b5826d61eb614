import { AdbkitDriver } from "../adb";
import { loadLocalConfig } from "../config";
import { describePhone } from "../describe-phone";
import { adbServer, type ListedPhone, reason } from "./adb-server";
import { serverPhones } from "./server-phones";
import { type AdbRow, statusLines } from "./status-table";

/**
 * `tikmatrix-agent status`: each phone the adb server lists with its state, and model and
 * Android version for the ones ready to drive; then, from the server (GET /api/v1/agent/phones
 * with this PC's token and agent id), whether each is linked and the task it runs, and the
 * phones the server has for this PC that adb lists no more. It only informs: a server it cannot
 * ask leaves those columns out with one line saying why, and it exits 0; only an adb server that
 * does not answer is exit 1, since then there is nothing to show.
 */
export async function statusCommand(args: readonly string[]): Promise<number> {
  const config = await loadLocalConfig(args, process.env);
  const adb = adbServer(config.adbHost, config.adbPort);
  let phones: ListedPhone[];
  try {
    phones = await adb.phones();
  } catch (error) {
    process.stdout.write(`adb server ${config.adbHost}:${config.adbPort}: not reachable: ${reason(error)}\n(tikmatrix-agent doctor says what to do)\n`);
    return 1;
  }
  const [rows, server] = await Promise.all([
    Promise.all(phones.map(async ({ serial, state }): Promise<AdbRow> => {
      if (state !== "device") return { serial, state, model: "-", android: "-" };
      const described = await describePhone(new AdbkitDriver(adb.client, serial, { timeoutMs: 10_000 })).catch(() => undefined);
      return { serial, state, model: described?.model || "?", android: described?.androidVersion || "?" };
    })),
    serverPhones(config),
  ]);
  const lines = [`adb server ${config.adbHost}:${config.adbPort}: ${phones.length === 1 ? "1 phone" : `${phones.length} phones`}`];
  lines.push(...statusLines(rows, server.ok ? server.answer : undefined));
  if (!server.ok) lines.push(`LINK and TASK not shown: ${server.why}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
