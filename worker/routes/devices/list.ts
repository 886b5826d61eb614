import { and, count, eq, gte, isNull, lt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { devices } from "../../db/schema";
import { deviceColumns, toDeviceJson } from "../../devices/device-view";
import { onlineCutoff } from "../../devices/presence";
import type { AppEnv } from "../../env";
import { success } from "../../http/envelope";
import { offsetOf, pageQuery, readQuery } from "../../http/query";

const listQuery = z.object({
  online: z.enum(["0", "1"]).optional(),
  ...pageQuery,
});

/** `GET /devices`: the phones the workspace knows, by serial, with presence and load. */
export const listDevices = new Hono<AppEnv>().get("/", async (c) => {
  const query = readQuery(c, listQuery);
  const db = c.get("db");
  const now = Date.now();
  const where = and(eq(devices.workspaceId, c.get("workspace").id), onlineFilter(query.online, now));
  // One batch: the count and the page read the same snapshot, so `total` matches the rows.
  const [totals, rows] = await db.batch([
    db.select({ total: count() }).from(devices).where(where),
    db
      .select(deviceColumns)
      .from(devices)
      .where(where)
      .orderBy(devices.serial)
      .limit(query.page_size)
      .offset(offsetOf(query.page, query.page_size)),
  ]);
  return success(c, {
    devices: rows.map((row) => toDeviceJson(row, now)),
    total: totals[0]?.total ?? 0,
    page: query.page,
    page_size: query.page_size,
  });
});

/** The SQL side of the presence rule in devices/presence.ts: same cutoff, same boundary. */
function onlineFilter(online: "0" | "1" | undefined, now: number): SQL | undefined {
  if (online === undefined) return undefined;
  const cutoff = onlineCutoff(now);
  return online === "1"
    ? and(eq(devices.connected, 1), gte(devices.lastSeenAt, cutoff))
    : or(eq(devices.connected, 0), isNull(devices.lastSeenAt), lt(devices.lastSeenAt, cutoff));
}
