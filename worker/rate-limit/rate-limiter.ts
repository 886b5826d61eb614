import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { type BucketRule, type TakeResult, TokenBucket } from "./bucket";

/**
 * One object per API key (`idFromName(keyId)`): its token bucket. The state lives in
 * memory only. An evicted object (idle for a while, or moved) comes back with a full
 * bucket, which is lenient and never wrong in the client's disfavour; storing it would
 * cost a write per request for nothing a client could notice, as a bucket refills fully
 * in seconds. Calls are answered one at a time and `take` never awaits, so two requests
 * can never spend the same token.
 */
export class RateLimiter extends DurableObject<Env> {
  private bucket: TokenBucket | null = null;

  /**
   * Spends one token if there is one. The rule comes from the caller (the Worker parsed
   * the vars once); `now` is for tests, which move the clock instead of sleeping.
   */
  take(rule: BucketRule, now: number = Date.now()): TakeResult {
    this.bucket ??= new TokenBucket(rule.burst, now);
    return this.bucket.take(rule, now);
  }
}
