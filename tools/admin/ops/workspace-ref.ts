import { sql, type Sql } from "../../lib/sql";

/**
 * The id of the workspace a user named, as a SQL subquery: <workspace> arguments accept
 * the id or the name. An exact id match wins, so a workspace whose name happens to look
 * like another's id cannot capture commands meant for that one.
 */
export function workspaceIdOf(ref: string): Sql {
  return sql`(SELECT id FROM workspaces WHERE id = ${ref} OR name = ${ref} ORDER BY id = ${ref} DESC LIMIT 1)`;
}

export function unknownWorkspaceMessage(ref: string): string {
  return `no workspace named "${ref}" or with that id (see: npm run admin -- list-workspaces)`;
}
