import type { Db } from "../../db/client";
import { listMaterials } from "../../materials/list-materials";
import type { LibraryItem } from "./library-list";
import { accountList, type AccountItem } from "./account-list";
import { phoneCards, type PhoneCard } from "./phones-data";

/** The newest unused materials the form offers to pick from (more are a library filter away). */
const PICKABLE_MATERIALS = 30;

export interface PostChoices {
  phones: PhoneCard[];
  /** By username: the API's account mode posts to every account of that name (one per platform). */
  accounts: { username: string; platforms: string[]; device: string | null; enabled: boolean }[];
  /** The tags of enabled accounts, each with how many carry it. */
  tags: { tag: string; count: number }[];
  materials: LibraryItem[];
}

/** What the new-post form offers: the workspace's phones, accounts, account tags and unused materials. */
export async function postChoices(db: Db, workspaceId: string): Promise<PostChoices> {
  const [phones, accounts, library] = await Promise.all([
    phoneCards(db, workspaceId),
    accountList(db, workspaceId, { platform: undefined, attention: false }),
    listMaterials(db, workspaceId, { used: false }, PICKABLE_MATERIALS, 0),
  ]);
  return {
    phones,
    accounts: byUsername(accounts),
    tags: tagCounts(accounts.filter((a) => a.status === 0)),
    materials: library.rows.map((material) => ({ material, tags: [...(library.tags.get(material.id) ?? [])].sort() })),
  };
}

/** The usernames of the enabled accounts that carry `tag` and are bound to a phone (those a post can go to). */
export async function usernamesTagged(db: Db, workspaceId: string, tag: string): Promise<string[]> {
  const accounts = await accountList(db, workspaceId, { platform: undefined, attention: false });
  return [...new Set(accounts.filter((a) => a.status === 0 && a.device !== null && a.tags.includes(tag)).map((a) => a.username))];
}

function byUsername(accounts: AccountItem[]): PostChoices["accounts"] {
  const names = new Map<string, PostChoices["accounts"][number]>();
  for (const account of accounts) {
    const entry = names.get(account.username) ?? { username: account.username, platforms: [], device: account.device, enabled: false };
    entry.platforms.push(account.platform);
    entry.enabled ||= account.status === 0 && account.device !== null;
    names.set(account.username, entry);
  }
  return [...names.values()];
}

function tagCounts(accounts: AccountItem[]): PostChoices["tags"] {
  const counts = new Map<string, number>();
  for (const account of accounts) for (const tag of account.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([tag, count]) => ({ tag, count }));
}
