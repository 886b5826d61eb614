/**
 * The D1 databases of a deployment (docs/shards.md): the directory, bound as DB, holds the
 * workspaces, credentials and agent pairings and is also the first shard; more shards are
 * bound as DB_ followed by capitals, digits and underscores (DB_2, DB_EU). A workspace's
 * `shard` names the binding its tasks, phones, accounts and library live on.
 */
export const DIRECTORY_SHARD = "DB";

export const SHARD_NAME = /^DB(_[A-Z0-9_]+)?$/;
