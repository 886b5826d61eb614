import { afterEach, describe, expect, it, vi } from "vitest";
import { rateLimitRule } from "./config";

afterEach(() => vi.restoreAllMocks());

describe("the rate limit vars", () => {
  it("default to a burst of 120 and 10 per second", () => {
    expect(rateLimitRule({})).toEqual({ burst: 120, perSecond: 10 });
  });

  it("are read as numbers, a fractional rate included", () => {
    expect(rateLimitRule({ RATE_LIMIT_BURST: "500", RATE_LIMIT_PER_SECOND: "0.5" })).toEqual({ burst: 500, perSecond: 0.5 });
  });

  it("turn limiting off with a rate of 0", () => {
    expect(rateLimitRule({ RATE_LIMIT_PER_SECOND: "0" })).toBeNull();
  });

  it("treat a blank value as unset", () => {
    expect(rateLimitRule({ RATE_LIMIT_BURST: " ", RATE_LIMIT_PER_SECOND: "" })).toEqual({ burst: 120, perSecond: 10 });
  });

  it.each([
    ["RATE_LIMIT_BURST", "lots", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_BURST", "0", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_BURST", "2.5", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_BURST", "1e3", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_PER_SECOND", "-1", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_PER_SECOND", "ten", { burst: 120, perSecond: 10 }],
    ["RATE_LIMIT_PER_SECOND", "Infinity", { burst: 120, perSecond: 10 }],
  ])("log %s = %j as an error and fall back to the default", (name, value, rule) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(rateLimitRule({ [name]: value })).toEqual(rule);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`${name} = "${value}" is not valid`));
  });

  it("log a bad value once, not on every request", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) rateLimitRule({ RATE_LIMIT_BURST: "many" });
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
