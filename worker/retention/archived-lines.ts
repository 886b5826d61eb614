import { dayOfHistoryKey, historyPrefix } from "./history-key";
import { linesOfDay } from "./day-object";
import type { HistoryLine } from "./history-line";
import type { FinishedRange } from "./history-page";
import { type UtcDay, utcDayOf } from "./utc-day";

/**
 * The archived lines of a range, in history order: the day objects of its days, listed in one
 * `list` call or a few (keys sort by day), each streamed and filtered to the range.
 */
export async function* archivedLines(bucket: R2Bucket, workspaceId: string, range: FinishedRange): AsyncGenerator<HistoryLine> {
  for await (const key of dayKeys(bucket, workspaceId, utcDayOf(range.from), utcDayOf(range.to - 1))) {
    const object = await bucket.get(key);
    // Listed, then gone: the retention job never removes an object, so only a person could have.
    if (object === null) continue;
    for await (const line of linesOfDay(object.body)) {
      const finishedAt = Date.parse(line.finished_at ?? "");
      if (finishedAt >= range.from && finishedAt < range.to) yield line;
    }
  }
}

async function* dayKeys(bucket: R2Bucket, workspaceId: string, first: UtcDay, last: UtcDay): AsyncGenerator<string> {
  const prefix = historyPrefix(workspaceId);
  // Just before the first day's key: "<prefix><day>" sorts before "<prefix><day>.ndjson.gz".
  let options: R2ListOptions = { prefix, startAfter: `${prefix}${first}`, limit: 1000 };
  for (;;) {
    const listed = await bucket.list(options);
    for (const object of listed.objects) {
      const day = dayOfHistoryKey(workspaceId, object.key);
      if (day === undefined) continue;
      if (day > last) return;
      yield object.key;
    }
    if (!listed.truncated) return;
    options = { prefix, cursor: listed.cursor, limit: 1000 };
  }
}
