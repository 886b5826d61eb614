import { env } from "cloudflare:test";
import { countLoggedWrites, installWriteLog } from "../db/write-log";

/**
 * Counts the rows D1 writes, whoever writes them (the Worker, the phones' objects), through
 * the triggers of worker/db/write-log.ts. For tests that must prove a path writes nothing;
 * they share the test file's database, so compare counts before and after.
 */
export async function countD1Writes(): Promise<() => Promise<number>> {
  await installWriteLog(env.DB);
  return () => countLoggedWrites(env.DB);
}
