import { AdbkitDriver } from "../adb";
import { loadLocalConfig } from "../config";
import { describePhone } from "../describe-phone";
import { adbServer, type ListedPhone, reason } from "./adb-server";

/**
 * `tikmatrix-agent status`: what the adb server lists, each phone with its state, and model
 * and Android version for the ones ready to drive. Whether a phone is linked or running a
 * task is the server's to say (the dashboard, GET /api/v1/devices with an API key): an agent
 * token can read no device list, and the running agent keeps its links to itself.
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
  const rows = await Promise.all(
    phones.map(async ({ serial, state }) => {
      if (state !== "device") return [serial, state, "-", "-"];
      const described = await describePhone(new AdbkitDriver(adb.client, serial, { timeoutMs: 10_000 })).catch(() => undefined);
      return [serial, state, described?.model || "?", described?.androidVersion || "?"];
    }),
  );
  const lines = [`adb server ${config.adbHost}:${config.adbPort}: ${phones.length === 1 ? "1 phone" : `${phones.length} phones`}`];
  if (rows.length > 0) lines.push(...table([["SERIAL", "STATE", "MODEL", "ANDROID"], ...rows]));
  lines.push("Linked and running tasks: see the dashboard's phones, or GET /api/v1/devices with an API key.");
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  "));
}
