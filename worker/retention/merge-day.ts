import { comparePositions, type HistoryLine, positionOf } from "./history-line";

/**
 * A day object's new content, in history order: its stored lines but those of `dropped` (the
 * tasks written now, and those noted as possibly stale), merged with `fresh` (in history
 * order too). A task is in the result once, however many runs wrote it before.
 */
export async function* mergeDay(stored: AsyncIterable<HistoryLine>, dropped: ReadonlySet<number>, fresh: readonly HistoryLine[]): AsyncGenerator<HistoryLine> {
  let next = 0;
  for await (const line of stored) {
    if (dropped.has(line.id)) continue;
    const at = positionOf(line);
    for (let f = fresh[next]; f !== undefined && comparePositions(positionOf(f), at) < 0; f = fresh[++next]) yield f;
    yield line;
  }
  for (let f = fresh[next]; f !== undefined; f = fresh[++next]) yield f;
}
