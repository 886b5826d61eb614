import { and, eq } from "drizzle-orm";
import type { LibraryMaterial } from "../../shared/protocol/messages";
import { isScriptName, type ScriptDefinition, SCRIPTS } from "../../shared/scripts";
import type { LibraryDemand } from "../../shared/scripts/post";
import type { Db } from "../db/client";
import { inList } from "../db/in-list";
import { type Material, materials, type Task } from "../db/schema";
import { claimMaterials } from "./claim";
import { isLibraryType, LIBRARY_TYPES } from "./media-signature";

/** The library materials a run posts, or why it cannot run: it then fails at once (1004), not on the phone. */
export type RunMaterials = { ok: true; materials: LibraryMaterial[] } | { ok: false; remark: string };

/**
 * What a task being dispatched takes from the library: a pick claimed for it (the same one
 * again when its run is sent again), or the materials its material_list names as lib:<id>,
 * which must still be in the library. A script that posts nothing takes nothing. `config` is
 * the task's stored script_config, parsed.
 */
export async function materialsForRun(db: Db, task: Task, config: Record<string, unknown>, now: number): Promise<RunMaterials> {
  const demand = demandOf(task, config);
  if (demand?.pick) {
    const { mediaType, pick } = demand;
    const claimed = await claimMaterials(db, { workspaceId: task.workspaceId, taskId: task.id, mediaType, ...pick, username: task.username, now });
    if (claimed.length === 0) return { ok: false, remark: nothingLeft(mediaType, pick) };
    return { ok: true, materials: claimed.map(toRunMaterial) };
  }
  if (demand === undefined || demand.ids.length === 0) return { ok: true, materials: [] };
  const rows = await db.select().from(materials).where(and(eq(materials.workspaceId, task.workspaceId), inList(materials.id, demand.ids)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const named: LibraryMaterial[] = [];
  for (const id of demand.ids) {
    const row = byId.get(id);
    if (row === undefined) return { ok: false, remark: `material_list names lib:${id}, which is no longer in the material library (deleted after the task was created)` };
    named.push(toRunMaterial(row));
  }
  return { ok: true, materials: named };
}

/** The stored config (`config`, as the client gave it), read with its script's schema, which it passed at create. */
function demandOf(task: Task, config: Record<string, unknown>): LibraryDemand | undefined {
  if (!isScriptName(task.scriptName)) return undefined;
  const script: ScriptDefinition = SCRIPTS[task.scriptName];
  const settings = script.config.safeParse(config);
  // A config this Worker no longer reads goes to the agent, which reports it clearly.
  return settings.success ? script.library?.(settings.data) : undefined;
}

function nothingLeft(mediaType: LibraryDemand["mediaType"], pick: NonNullable<LibraryDemand["pick"]>): string {
  const what = pick.count === 1 ? `no unused ${mediaType}` : `fewer than ${pick.count} unused images`;
  const tagged = pick.tags.length === 0 ? "" : ` tagged ${pick.tags.map((tag) => JSON.stringify(tag)).join(" or ")}`;
  return `the material library has ${what}${tagged} for this post (material_source "materialLibrary"): upload more, or mark used ones unused`;
}

function toRunMaterial(row: Material): LibraryMaterial {
  const type = isLibraryType(row.contentType) ? LIBRARY_TYPES[row.contentType] : undefined;
  if (type === undefined) throw new Error(`material ${row.id} has content type ${row.contentType}, which the library does not store`);
  return { id: row.id, sha256: row.sha256, size: row.size, ext: type.extension, caption: row.caption };
}
