import { describe, expect, test } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "./backoff";

describe("reconnect backoff", () => {
  test("doubles from 0.5 s and stops growing at 30 s", () => {
    const middle = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 6, 7, 40].map((n) => backoffDelay(DEFAULT_BACKOFF, n, middle))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });

  test("spreads each delay by at most ±20 %", () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(800);
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 1)).toBe(1200);
  });
});
