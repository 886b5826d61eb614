import type { Workspace } from "./db/schema";
import type { Db } from "./db/client";
import type { DirectoryDb } from "./shards/directory";

/** The bindings wrangler.toml gives the Worker. */
export interface Env {
  /** The directory (workspaces, credentials, pairings) and the first shard (docs/shards.md). */
  DB: D1Database;
  /** More shards: a workspace's `shard` names the binding its data is on (worker/shards/). */
  [shard: `DB_${string}`]: D1Database | undefined;
  DEVICE: DurableObjectNamespace<import("./device/device-object").DeviceObject>;
  SCREENSHOTS: R2Bucket;
  /** The material library's files (worker/materials/), one object per material; and the history (worker/retention/), one object per workspace and day. */
  MEDIA: R2Bucket;
  /** One object per API key: its token bucket (worker/rate-limit/). */
  RATE_LIMITER: DurableObjectNamespace<import("./rate-limit/rate-limiter").RateLimiter>;
  /** Requests a key may send at once (default 120); docs/api.md "Rate limits". */
  RATE_LIMIT_BURST?: string;
  /** Tokens refilled per second (default 10); "0" turns limiting off. */
  RATE_LIMIT_PER_SECOND?: string;
  /**
   * A secret (`wrangler secret put TASK_SECRETS_KEY`): 32 random bytes in base64, the key the
   * tasks' secret fields are sealed with (worker/tasks/secrets/). Without it such fields are refused.
   */
  TASK_SECRETS_KEY?: string;
}

/** Hono's context types: bindings plus what the middleware puts on each request. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The workspace's shard: its tasks, phones, accounts and library. */
    db: Db;
    /** Workspaces, credentials and pairings. The same database as `db` when the workspace is on DB. */
    directory: DirectoryDb;
    /** The workspace of the API key that authenticated the request. */
    workspace: Workspace;
    /** The public id of the key or token that authenticated the request. */
    credentialId: string;
  };
}
