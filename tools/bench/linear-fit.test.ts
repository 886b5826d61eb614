import { describe, expect, test } from "vitest";
import { linearFit } from "./linear-fit";

describe("linearFit", () => {
  test("points on a line give its slope and intercept, r² 1", () => {
    const fit = linearFit([0, 1, 20, 100].map((x) => ({ x, y: 60 + 0.25 * x })));
    expect(fit.slope).toBeCloseTo(0.25, 12);
    expect(fit.intercept).toBeCloseTo(60, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  test("scattered points: the least-squares line, computed by hand", () => {
    // x̄ = 1.5, ȳ = 2.5; Sxy = 4.5, Sxx = 5: slope 0.9, intercept 1.15; residuals ∓0.15, ±0.45: SSres 0.45 of SStot 4.5, r² 0.9
    const fit = linearFit([
      { x: 0, y: 1 },
      { x: 1, y: 2.5 },
      { x: 2, y: 2.5 },
      { x: 3, y: 4 },
    ]);
    expect(fit.slope).toBeCloseTo(0.9, 12);
    expect(fit.intercept).toBeCloseTo(1.15, 12);
    expect(fit.r2).toBeCloseTo(0.9, 12);
  });

  test("one x only has no line", () => {
    expect(() => linearFit([{ x: 5, y: 1 }, { x: 5, y: 2 }])).toThrow(/two points/);
    expect(() => linearFit([])).toThrow(/two points/);
  });
});
