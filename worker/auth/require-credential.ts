import { createMiddleware } from "hono/factory";
import { ApiCode } from "../../shared/api-codes";
import type { CredentialKind } from "../../shared/credentials";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";
import { openDirectory } from "../shards/directory";
import { workspaceDb } from "../shards/workspace-copy";
import { authenticate } from "./credential-lookup";
import { recordLastUse } from "./last-use";

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: { header(name: string): string | undefined }): string | null {
  const authorization = headers.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  return headers.header("x-api-key")?.trim() || null;
}

/**
 * Authenticates a credential of one kind (API key for the user API, agent token for the
 * agent routes) and puts its workspace, the directory and the workspace's shard on the context.
 */
export const requireCredential = (kind: CredentialKind) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const directory = openDirectory(c.env);
    const key = presentedKey(c.req);
    if (key === null) {
      const what = kind === "api_key" ? "API key" : "agent token";
      throw new ApiError(ApiCode.Unauthorized, `missing ${what}: send Authorization: Bearer <${what}>`, null, {
        "WWW-Authenticate": 'Bearer realm="api"',
      });
    }
    const result = await authenticate(directory, key, kind);
    if ("refused" in result) {
      throw new ApiError(ApiCode.Unauthorized, result.refused, null, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
    }
    recordLastUse(c.executionCtx, directory, result.credentialId, result.lastUsedAt);
    c.set("directory", directory);
    c.set("db", await workspaceDb(c.env, result.workspace));
    c.set("workspace", result.workspace);
    c.set("credentialId", result.credentialId);
    await next();
  });

export const requireApiKey = requireCredential("api_key");
export const requireAgentToken = requireCredential("agent_token");
