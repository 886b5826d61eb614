import { and, count, eq, ne, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { devices } from "../db/schema";
import { deviceColumns } from "./device-view";

/**
 * The two statements of `GET /devices`: the total and one page by serial, under the same
 * filter. Built apart from the route so the query-plan test (worker/db/query-plans.test.ts)
 * explains the very SQL the route runs.
 */
export function deviceListQueries(db: Db, workspaceId: string, online: "0" | "1" | undefined, limit: number, offset: number) {
  const where = and(eq(devices.workspaceId, workspaceId), onlineFilter(online));
  return [
    db.select({ total: count() }).from(devices).where(where),
    db.select(deviceColumns).from(devices).where(where).orderBy(devices.serial).limit(limit).offset(offset),
  ] as const;
}

/** The SQL side of the presence rule in devices/presence.ts. */
function onlineFilter(online: "0" | "1" | undefined): SQL | undefined {
  if (online === undefined) return undefined;
  return online === "1" ? eq(devices.connected, 1) : ne(devices.connected, 1);
}
