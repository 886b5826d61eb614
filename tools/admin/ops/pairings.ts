import { type D1Target, d1Execute, rowsOf } from "../../lib/d1";
import { UserError } from "../../lib/errors";
import { sql, sqlBatch } from "../../lib/sql";
import { firstRow, workspaceRow, type WorkspaceRow } from "./rows";
import { unknownWorkspaceMessage, workspaceIdOf } from "./workspace-ref";

export interface ApprovedPairing {
  name: string;
  workspace: WorkspaceRow;
}

/**
 * Approves the code an agent shows (`tikmatrix-agent pair`) into a workspace: the same
 * conditions as the dashboard's approval (worker/agents/pairing.ts): alive, not approved yet,
 * not consumed. The agent's next poll then receives its token; nothing secret passes here.
 */
export async function approvePairing(target: D1Target, workspaceRef: string, code: string, now = Date.now()): Promise<ApprovedPairing> {
  const results = await d1Execute(
    target,
    sqlBatch(
      sql`SELECT * FROM workspaces WHERE id = ${workspaceIdOf(workspaceRef)}`,
      sql`SELECT approved_at FROM agent_pairings WHERE code = ${code} AND expires_at > ${now} AND consumed_at IS NULL`,
      sql`UPDATE agent_pairings SET workspace_id = ${workspaceIdOf(workspaceRef)}, approved_at = ${now}
          WHERE code = ${code} AND expires_at > ${now} AND consumed_at IS NULL AND approved_at IS NULL
            AND ${workspaceIdOf(workspaceRef)} IS NOT NULL
          RETURNING name`,
    ),
  );
  const workspace = firstRow(workspaceRow, rowsOf(results, 0));
  if (workspace === undefined) throw new UserError(unknownWorkspaceMessage(workspaceRef));
  const found = rowsOf(results, 1)[0];
  if (found === undefined) throw new UserError(`no agent is waiting with code ${code} (codes live 10 minutes: check the agent's screen, or run pair again)`);
  const approved = rowsOf(results, 2)[0];
  if (approved === undefined || typeof approved.name !== "string") throw new UserError(`code ${code} was approved already`);
  return { name: approved.name, workspace };
}
