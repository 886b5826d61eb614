import { env } from "cloudflare:test";
import type { Platform } from "../../shared/platforms";
import { openDb } from "../db/client";
import { accounts } from "../db/schema";

export interface AccountSeed {
  username: string;
  device?: string | null;
  platform?: Platform;
  status?: 0 | 1;
  packageName?: string | null;
}

/** An account written straight into D1, for tests of the features that read accounts. */
export async function seedAccount(workspaceId: string, seed: AccountSeed): Promise<number> {
  const now = Date.now();
  const row = await openDb(env.DB)
    .insert(accounts)
    .values({
      workspaceId,
      username: seed.username,
      platform: seed.platform ?? "tiktok",
      device: seed.device ?? null,
      status: seed.status ?? 0,
      packageName: seed.packageName ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: accounts.id })
    .get();
  return row.id;
}
