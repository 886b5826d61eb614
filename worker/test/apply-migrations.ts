import { applyD1Migrations, env } from "cloudflare:test";
import { secondShard } from "./second-shard";

// Each test file gets fresh storage; bring both of its D1 databases (the directory with the
// first shard, and the second shard) up to the current schema first: every database runs
// the same migrations (docs/shards.md). The two at once: each is its own SQLite.
await Promise.all([applyD1Migrations(env.DB, env.TEST_MIGRATIONS), applyD1Migrations(secondShard(), env.TEST_MIGRATIONS)]);
