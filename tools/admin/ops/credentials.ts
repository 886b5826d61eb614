import { type CredentialKind, generateCredential, hashSecret, kindOfId, type NewCredential, parseCredential } from "../../../shared/credentials";
import { type D1Target, d1Execute, rowsOf } from "../../lib/d1";
import { UserError } from "../../lib/errors";
import { sql, sqlBatch } from "../../lib/sql";
import { credentialRow, type CredentialRow, firstRow, parseRows, workspaceRow, type WorkspaceRow } from "./rows";
import { unknownWorkspaceMessage, workspaceIdOf } from "./workspace-ref";

/** Columns safe to read back and show: everything but the secret's hash. */
const CREDENTIAL_COLUMNS = sql`id, workspace_id, kind, name, created_at, last_used_at, revoked_at`;

export const KIND_LABEL: Readonly<Record<CredentialKind, string>> = {
  api_key: "API key",
  agent_token: "agent token",
  web_session: "dashboard session",
  login_link: "sign-in link",
};

export interface IssuedCredential {
  credential: NewCredential;
  row: CredentialRow;
  workspace: WorkspaceRow;
}

/**
 * Makes a credential and stores only its hash. The workspace is looked up inside the
 * INSERT, so a name that matches nothing inserts nothing, all in one wrangler call.
 */
export async function issueCredential(
  target: D1Target,
  workspaceRef: string,
  kind: CredentialKind,
  name: string,
): Promise<IssuedCredential> {
  const [issued] = await issueCredentials(target, workspaceRef, [{ kind, name }]);
  if (issued === undefined) throw new Error("issueCredentials returned nothing for one request");
  return issued;
}

export interface CredentialRequest {
  kind: CredentialKind;
  name: string;
  /** For the kinds that end by themselves (a sign-in link): epoch ms. */
  expiresAt?: number;
}

/**
 * Several credentials of one workspace in one wrangler call (and one transaction): a
 * local call costs seconds, and `npm start` issues a key and an agent token at once.
 */
export async function issueCredentials(
  target: D1Target,
  workspaceRef: string,
  requests: readonly CredentialRequest[],
): Promise<IssuedCredential[]> {
  if (requests.length === 0) return [];
  const made = await Promise.all(requests.map(async ({ kind, name, expiresAt }) => ({ name, expiresAt: expiresAt ?? null, credential: await generateCredential(kind) })));
  const credentials = made.map(({ credential }) => credential);
  const statements = made.flatMap(({ name, expiresAt, credential }) => [
    sql`INSERT INTO credentials (id, workspace_id, kind, name, secret_hash, created_at, expires_at)
        SELECT ${credential.id}, id, ${credential.kind}, ${name}, ${credential.secretHash}, ${Date.now()}, ${expiresAt}
        FROM workspaces WHERE id = ${workspaceIdOf(workspaceRef)}`,
    sql`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE id = ${credential.id}`,
  ]);
  const first = credentials[0]?.id ?? "";
  const results = await d1Execute(
    target,
    sqlBatch(...statements, sql`SELECT w.* FROM workspaces w JOIN credentials c ON c.workspace_id = w.id WHERE c.id = ${first}`),
  );
  const workspace = firstRow(workspaceRow, rowsOf(results, statements.length));
  if (workspace === undefined) throw new UserError(unknownWorkspaceMessage(workspaceRef));
  return credentials.map((credential, i) => {
    const row = firstRow(credentialRow, rowsOf(results, 2 * i + 1));
    if (row === undefined) throw new Error(`credential ${credential.id} was inserted but cannot be read back`);
    return { credential, row, workspace };
  });
}

/** The public id named by `input`: an id as listed, or a whole credential pasted in. */
export function credentialIdOf(input: string): string {
  const text = input.trim();
  if (kindOfId(text) !== null) return text;
  const parsed = parseCredential(text);
  if (parsed !== null) return parsed.id;
  throw new UserError(`"${input}" is not an API key or agent token id (tmk_… or tma_…) nor a whole credential`);
}

export type RevokeOutcome = { status: "revoked"; row: CredentialRow } | { status: "already_revoked"; row: CredentialRow };

/** Sets revoked_at once; a second revoke reports the first one's time and changes nothing. */
export async function revokeCredential(target: D1Target, id: string): Promise<RevokeOutcome> {
  const results = await d1Execute(
    target,
    sqlBatch(
      sql`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE id = ${id}`,
      sql`UPDATE credentials SET revoked_at = ${Date.now()} WHERE id = ${id} AND revoked_at IS NULL`,
      sql`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE id = ${id}`,
    ),
  );
  const before = firstRow(credentialRow, rowsOf(results, 0));
  const after = firstRow(credentialRow, rowsOf(results, 2));
  if (before === undefined || after === undefined) throw new UserError(`no API key or agent token with id ${id}`);
  return before.revoked_at === null ? { status: "revoked", row: after } : { status: "already_revoked", row: before };
}

export interface CredentialListing {
  workspace: WorkspaceRow;
  credentials: CredentialRow[];
}

export async function listCredentials(target: D1Target, workspaceRef: string): Promise<CredentialListing> {
  const id = workspaceIdOf(workspaceRef);
  const results = await d1Execute(
    target,
    sqlBatch(
      sql`SELECT * FROM workspaces WHERE id = ${id}`,
      sql`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE workspace_id = ${id} ORDER BY created_at, id`,
    ),
  );
  const workspace = firstRow(workspaceRow, rowsOf(results, 0));
  if (workspace === undefined) throw new UserError(unknownWorkspaceMessage(workspaceRef));
  return { workspace, credentials: parseRows(credentialRow, rowsOf(results, 1)) };
}

/**
 * The tokens among `tokens` that are live credentials of the kind their prefix names in
 * this database (the same test the Worker makes). One wrangler call for all of them:
 * locally each call costs seconds, and `npm start` checks its key and its agent token.
 */
export async function liveCredentials(target: D1Target, tokens: readonly string[]): Promise<Set<string>> {
  const parsed = tokens.flatMap((token) => {
    const credential = parseCredential(token);
    return credential === null ? [] : [{ token, credential }];
  });
  if (parsed.length === 0) return new Set();
  const results = await d1Execute(
    target,
    sqlBatch(
      ...parsed.map(
        ({ credential }) =>
          sql`SELECT secret_hash FROM credentials WHERE id = ${credential.id} AND kind = ${credential.kind} AND revoked_at IS NULL`,
      ),
    ),
  );
  const live = new Set<string>();
  for (const [index, { token, credential }] of parsed.entries()) {
    const stored = rowsOf(results, index)[0]?.secret_hash;
    if (typeof stored === "string" && stored === (await hashSecret(credential.secret))) live.add(token);
  }
  return live;
}
