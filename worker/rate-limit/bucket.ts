/** How a key's bucket behaves: `burst` tokens at most, refilled at `perSecond`. */
export interface BucketRule {
  burst: number;
  perSecond: number;
}

/** One request's verdict, and what the `X-RateLimit-*` and `Retry-After` headers say. */
export interface TakeResult {
  allowed: boolean;
  /** The burst: requests a full bucket serves at once. */
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again (0 when full). */
  resetSeconds: number;
  /** Seconds until one token is back; 0 when allowed, at least 1 when refused. */
  retryAfterSeconds: number;
}

/**
 * Refills are fractional (10 per second is 0.01 per millisecond) and floating point leaves
 * crumbs like 1e-15: without this, a bucket that is full would report 1 s to reset.
 */
const CRUMB = 1e-9;
const ceilSeconds = (seconds: number) => Math.max(0, Math.ceil(seconds - CRUMB));

/**
 * A token bucket with the clock passed in, so the Durable Object holds the state and tests
 * hold the time. A new bucket is full: a key never used, or whose object was evicted,
 * starts with its whole burst.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(burst: number, now: number) {
    this.tokens = burst;
    this.at = now;
  }

  take(rule: BucketRule, now: number): TakeResult {
    // Never refill for time going backwards (a test's clock, or a caller's skew).
    const elapsedSeconds = Math.max(0, now - this.at) / 1000;
    this.at = Math.max(this.at, now);
    // min(): a burst lowered by a config change takes effect at once.
    this.tokens = Math.min(rule.burst, this.tokens + elapsedSeconds * rule.perSecond);
    const allowed = this.tokens >= 1 - CRUMB;
    if (allowed) this.tokens = Math.max(0, this.tokens - 1);
    return {
      allowed,
      limit: rule.burst,
      remaining: Math.floor(this.tokens + CRUMB),
      resetSeconds: ceilSeconds((rule.burst - this.tokens) / rule.perSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, ceilSeconds((1 - this.tokens) / rule.perSecond)),
    };
  }
}
