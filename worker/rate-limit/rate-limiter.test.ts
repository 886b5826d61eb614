import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { BucketRule } from "./bucket";

const RULE: BucketRule = { burst: 120, perSecond: 10 };
const T0 = 1_700_000_000_000;
let keys = 0;

/** A limiter object of its own for each test, as each key has. */
const limiter = () => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`tmk_limiter_test_${++keys}`));

/** Takes `n` tokens at the same instant; answers the last verdict. */
async function drain(stub: ReturnType<typeof limiter>, n: number, now: number) {
  let last = await stub.take(RULE, now);
  for (let i = 1; i < n; i++) last = await stub.take(RULE, now);
  return last;
}

describe("the rate limiter object (time passed in, never slept)", () => {
  it("starts full: the first request leaves burst - 1 and one tenth of a second to refill", async () => {
    expect(await limiter().take(RULE, T0)).toEqual({ allowed: true, limit: 120, remaining: 119, resetSeconds: 1, retryAfterSeconds: 0 });
  });

  it("serves the whole burst at one instant and refuses the next, one token being 1 s away at most", async () => {
    const stub = limiter();
    expect(await drain(stub, 120, T0)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 12 });
    expect(await stub.take(RULE, T0)).toEqual({ allowed: false, limit: 120, remaining: 0, resetSeconds: 12, retryAfterSeconds: 1 });
  });

  it("refills one token per tenth of a second", async () => {
    const stub = limiter();
    await drain(stub, 121, T0);
    expect((await stub.take(RULE, T0 + 99)).allowed).toBe(false);
    expect(await stub.take(RULE, T0 + 100)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("is full again after burst / rate seconds, and no fuller", async () => {
    const stub = limiter();
    await drain(stub, 120, T0);
    expect(await stub.take(RULE, T0 + 12_000)).toMatchObject({ allowed: true, remaining: 119 });
    expect(await stub.take(RULE, T0 + 3_600_000)).toMatchObject({ remaining: 119, resetSeconds: 1 });
  });

  it("does not refill when the clock goes backwards", async () => {
    const stub = limiter();
    await drain(stub, 120, T0);
    expect((await stub.take(RULE, T0 - 60_000)).allowed).toBe(false);
  });

  it("says a Retry-After of whole seconds, rounded up, when the rate is slow", async () => {
    const slow = { burst: 2, perSecond: 0.25 };
    const stub = limiter();
    await stub.take(slow, T0);
    await stub.take(slow, T0);
    expect(await stub.take(slow, T0 + 1_000)).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 7, retryAfterSeconds: 3 });
  });

  it("applies a lowered burst at once", async () => {
    const stub = limiter();
    await stub.take(RULE, T0);
    expect(await stub.take({ burst: 5, perSecond: 10 }, T0)).toMatchObject({ allowed: true, limit: 5, remaining: 4 });
  });

  it("keeps one bucket per key", async () => {
    const first = limiter();
    await drain(first, 121, T0);
    expect((await limiter().take(RULE, T0)).allowed).toBe(true);
    expect((await first.take(RULE, T0)).allowed).toBe(false);
  });
});
