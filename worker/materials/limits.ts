import { count, eq, sum } from "drizzle-orm";
import { PLANS } from "../../shared/plans";
import type { Db } from "../db/client";
import { materials, type Workspace } from "../db/schema";
import { invalid } from "../http/api-error";

/**
 * The plan's library limits for a file of `length` bytes, before a byte of it is stored.
 * Uploads running at the same moment can pass together: one statement cannot both check
 * and reserve before the bytes arrive (docs/api.md "Material library").
 */
export async function checkLibraryLimits(db: Db, workspace: Workspace, length: number): Promise<void> {
  const plan = PLANS[workspace.plan];
  const limits = plan.library;
  if (length > limits.maxFileBytes) throw invalid(`the file is ${length} bytes; the ${plan.name} plan takes files of at most ${limits.maxFileBytes} bytes`);
  const [totals] = await db
    .select({ files: count(), bytes: sum(materials.size) })
    .from(materials)
    .where(eq(materials.workspaceId, workspace.id));
  const files = totals?.files ?? 0;
  const bytes = Number(totals?.bytes ?? 0);
  if (files >= limits.maxFiles) throw invalid(`the library holds ${files} files, the ${plan.name} plan's limit: delete some first`);
  if (bytes + length > limits.maxTotalBytes) throw invalid(`the library holds ${bytes} bytes; with this file it would pass the ${plan.name} plan's ${limits.maxTotalBytes}`);
}
