import { and, eq, ne, notInArray, or, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { devices } from "../db/schema";
import { chunkInsertRows } from "../db/chunk";
import { serialSchema } from "./serial";

/** A PC has tens of phones; a hub of hubs, a few hundred. */
export const MAX_LISTED_PHONES = 500;

/** The id an agent gives itself (agent/agent-id.ts: the PC's host name and a random tail). */
export const agentIdSchema = z.string().min(1).max(128);

/**
 * What an agent's adb server lists, every phone in its state as adb words it (`device`,
 * `unauthorized`, `offline`, `authorizing`, `recovery`, `sideload`, `bootloader`,
 * `no permissions`, …): the phones that cannot be linked appear in the device list too, so a
 * studio sees the phone whose USB-debugging prompt nobody accepted.
 */
export const adbStatesBody = z.strictObject({
  agent_id: agentIdSchema,
  phones: z
    .array(z.strictObject({ serial: serialSchema, state: z.string().regex(/^[a-z][a-z ]{0,31}$/, { message: "must be an adb state such as device, unauthorized or offline" }) }))
    .max(MAX_LISTED_PHONES),
});
export type AdbStates = z.output<typeof adbStatesBody>;

/**
 * Records an agent's list: new phones get a row, listed ones their state, and phones this
 * agent listed before and lists no more become `gone`. A phone another agent drives right now
 * (connected, someone else's) keeps that agent's word for it. One batch: the list is applied
 * whole or not at all.
 */
export async function recordAdbStates(db: Db, workspaceId: string, report: AdbStates, now: number): Promise<void> {
  const rows = report.phones.map(({ serial, state }) => ({ workspaceId, serial, adbState: state, agentId: report.agent_id, createdAt: now }));
  const upserts = chunkInsertRows(db, devices, rows).map((group) =>
    db
      .insert(devices)
      .values(group)
      .onConflictDoUpdate({
        target: [devices.workspaceId, devices.serial],
        set: { adbState: sql`excluded.adb_state`, agentId: sql`excluded.agent_id` },
        setWhere: or(eq(devices.connected, 0), isNull(devices.agentId), eq(devices.agentId, sql`excluded.agent_id`)),
      }),
  );
  const listed = report.phones.map((p) => p.serial);
  const gone = db
    .update(devices)
    .set({ adbState: "gone" })
    .where(
      and(
        eq(devices.workspaceId, workspaceId),
        eq(devices.agentId, report.agent_id),
        or(isNull(devices.adbState), ne(devices.adbState, "gone")),
        // As one JSON parameter: a list of hundreds must not exceed D1's 100 bound parameters.
        listed.length === 0 ? undefined : notInArray(devices.serial, sql`(select value from json_each(${JSON.stringify(listed)}))`),
      ),
    );
  await db.batch([gone, ...upserts]);
}
