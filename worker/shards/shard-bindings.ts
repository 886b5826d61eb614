import { DIRECTORY_SHARD, SHARD_NAME } from "../../shared/shard-names";
import type { Env } from "../env";

/** The directory's binding, also the first shard: a deployment with one database is its own directory and only shard. */
export const DIRECTORY = DIRECTORY_SHARD;

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && typeof (value as D1Database).prepare === "function" && typeof (value as D1Database).batch === "function";
}

/**
 * The database a workspace's data lives on. A workspace placed on a binding this Worker lacks
 * is an operator's mistake (a wrangler.toml without the database): the error names it, and the
 * request fails with nothing written.
 */
export function shardBinding(env: Env, shard: string): D1Database {
  const binding: unknown = SHARD_NAME.test(shard) ? (env as unknown as Record<string, unknown>)[shard] : undefined;
  if (!isD1(binding)) {
    throw new Error(`this Worker has no D1 database bound as ${JSON.stringify(shard)}: add the [[d1_databases]] binding to wrangler.toml and deploy (docs/shards.md)`);
  }
  return binding;
}

/** Every shard this Worker has, the directory first, the others by name: what the Cron Trigger walks. */
export function shardNames(env: Env): string[] {
  const others = Object.keys(env).filter((name) => name !== DIRECTORY && SHARD_NAME.test(name) && isD1((env as unknown as Record<string, unknown>)[name]));
  return [DIRECTORY, ...others.sort()];
}
