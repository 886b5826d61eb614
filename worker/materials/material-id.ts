import type { Db } from "../db/client";
import type { Material } from "../db/schema";
import { notFound } from "../http/api-error";
import { parsePathId } from "../http/path-id";
import { findMaterial } from "./material-view";

/** The material `/materials/{id}` names: malformed is 40001; another workspace's or none is 40401. */
export async function materialOf(db: Db, workspaceId: string, raw: string): Promise<Material> {
  const id = parsePathId(raw);
  const row = await findMaterial(db, workspaceId, id);
  if (row === undefined) throw notFound(`material ${id}`);
  return row;
}
