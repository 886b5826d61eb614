import { Hono } from "hono";
import { z } from "zod";
import { deviceListQueries } from "../../devices/device-list-queries";
import { toDeviceJson } from "../../devices/device-view";
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
  // One batch: the count and the page read the same snapshot, so `total` matches the rows.
  const [totals, rows] = await db.batch(deviceListQueries(db, c.get("workspace").id, query.online, query.page_size, offsetOf(query.page, query.page_size)));
  return success(c, {
    devices: rows.map((row) => toDeviceJson(row, now)),
    total: totals[0]?.total ?? 0,
    page: query.page,
    page_size: query.page_size,
  });
});
