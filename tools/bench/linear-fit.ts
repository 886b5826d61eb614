export interface LinearFit {
  /** dy/dx of the least-squares line. */
  slope: number;
  /** y at x = 0 on that line. */
  intercept: number;
  /** Coefficient of determination: 1 when every point is on the line. */
  r2: number;
}

/** Ordinary least squares y = intercept + slope × x over at least two distinct x. */
export function linearFit(points: ReadonlyArray<{ x: number; y: number }>): LinearFit {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (n < 2 || sxx === 0) throw new Error("a line needs at least two points with different x");
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const total = points.reduce((sum, p) => sum + (p.y - meanY) ** 2, 0);
  const residual = points.reduce((sum, p) => sum + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { slope, intercept, r2: total === 0 ? 1 : 1 - residual / total };
}
