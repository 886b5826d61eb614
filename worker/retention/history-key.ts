import { type UtcDay } from "./utc-day";

/**
 * Where a workspace's history lives in the MEDIA bucket: one gzip-compressed NDJSON object per
 * UTC day, `history/<workspace>/<YYYY-MM-DD>.ndjson.gz`. Keys of one workspace sort by day, so
 * a period is one `list` with `startAfter`.
 */
export function historyPrefix(workspaceId: string): string {
  return `history/${workspaceId}/`;
}

export function historyKey(workspaceId: string, day: UtcDay): string {
  return `${historyPrefix(workspaceId)}${day}.ndjson.gz`;
}

/** The day a key of the workspace's history names, or undefined for any other key. */
export function dayOfHistoryKey(workspaceId: string, key: string): UtcDay | undefined {
  const prefix = historyPrefix(workspaceId);
  if (!key.startsWith(prefix)) return undefined;
  return /^(\d{4}-\d{2}-\d{2})\.ndjson\.gz$/.exec(key.slice(prefix.length))?.[1];
}
