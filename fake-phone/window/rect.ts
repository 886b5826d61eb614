/** [left, top, right, bottom], right and bottom exclusive, as Android's Rect. */
export type Rect = readonly [number, number, number, number];

export function contains([l, t, r, b]: Rect, x: number, y: number): boolean {
  return x >= l && x < r && y >= t && y < b;
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const l = Math.max(a[0], b[0]);
  const t = Math.max(a[1], b[1]);
  const r = Math.min(a[2], b[2]);
  const bottom = Math.min(a[3], b[3]);
  return l < r && t < bottom ? [l, t, r, bottom] : undefined;
}

/** What is left of `rect` once every cover is cut out, as disjoint rectangles (Region.Op.DIFFERENCE). */
export function subtract(rect: Rect, covers: readonly Rect[]): Rect[] {
  let pieces: Rect[] = [rect];
  for (const cover of covers) {
    pieces = pieces.flatMap((piece) => cut(piece, cover));
    if (pieces.length === 0) break;
  }
  return pieces;
}

function cut(piece: Rect, cover: Rect): Rect[] {
  const overlap = intersect(piece, cover);
  if (overlap === undefined) return [piece];
  const [l, t, r, b] = piece;
  const [ol, ot, or, ob] = overlap;
  const out: Rect[] = [];
  if (t < ot) out.push([l, t, r, ot]);
  if (ob < b) out.push([l, ob, r, b]);
  if (l < ol) out.push([l, ot, ol, ob]);
  if (or < r) out.push([or, ot, r, ob]);
  return out;
}
