import type { Client } from "@devicefarmer/adbkit";

type Connection = Awaited<ReturnType<Client["connection"]>>;

/**
 * The adb transport features the phone's adbd announced (shell_v2, stat_v2, cmd, …), from
 * the server's `host-serial:<serial>:features`. Not adbkit's getFeatures(): that runs
 * `pm list features`, the Android system features, which say nothing about shell v2.
 * `opened` receives the connection so a deadline can close it.
 */
export async function readAdbFeatures(client: Client, serial: string, opened: (connection: Connection) => void): Promise<Set<string>> {
  const connection = await client.connection();
  opened(connection);
  try {
    const request = Buffer.from(`host-serial:${serial}:features`, "utf8");
    connection.write(Buffer.concat([Buffer.from(request.length.toString(16).padStart(4, "0"), "ascii"), request]));
    const reply = await connection.parser.readAscii(4);
    const value = (await connection.parser.readValue()).toString("utf8");
    if (reply !== "OKAY") throw new Error(value);
    return new Set(value.split(",").filter((feature) => feature !== ""));
  } finally {
    connection.end();
  }
}
