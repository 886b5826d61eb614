import { createMiddleware } from "hono/factory";
import { ApiCode } from "../../shared/api-codes";
import type { AppEnv, Env } from "../env";
import { ApiError } from "../http/api-error";
import type { BucketRule, TakeResult } from "./bucket";
import { rateLimitRule } from "./config";

/** A limiter object answers in milliseconds; one that does not must not hold the API up. */
const LIMITER_DEADLINE_MS = 1000;

/**
 * One token per request from the bucket of the API key that authenticated it; mount after
 * `requireApiKey`, so a request without a valid key is refused (40101) before it costs a
 * limiter call, and a revoked key is refused however full its bucket. Answers carry
 * `X-RateLimit-*`; an empty bucket is 42901 with `Retry-After`.
 */
export const rateLimitByKey = createMiddleware<AppEnv>(async (c, next) => {
  const rule = rateLimitRule(c.env);
  const verdict = rule === null ? null : await askLimiter(c.env, c.get("credentialId"), rule);
  if (rule === null || verdict === null) {
    await next();
    return;
  }
  const headers = limitHeaders(verdict);
  if (!verdict.allowed) {
    throw new ApiError(
      ApiCode.RateLimited,
      `rate limit exceeded: this key may send ${rule.burst} requests at once and ${rule.perSecond} per second after that; retry in ${verdict.retryAfterSeconds} s`,
      null,
      { ...headers, "Retry-After": String(verdict.retryAfterSeconds) },
    );
  }
  await next();
  // Set after the route ran, on whatever it answered (errors and images included).
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
});

/**
 * The limiter's verdict, or null when it could not be had. Failing open is deliberate: the
 * limiter protects the API from a runaway client, and an outage of it must not become an
 * outage of the API for every client. The log says it happened.
 */
async function askLimiter(env: Env, keyId: string, rule: BucketRule): Promise<TakeResult | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMITER_DEADLINE_MS} ms`)), LIMITER_DEADLINE_MS);
  });
  try {
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(keyId));
    return await Promise.race([limiter.take(rule), deadline]);
  } catch (e) {
    console.error(`rate limit: limiter of ${keyId} failed; letting the request through`, e);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function limitHeaders(verdict: TakeResult): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(verdict.limit),
    "X-RateLimit-Remaining": String(verdict.remaining),
    "X-RateLimit-Reset": String(verdict.resetSeconds),
  };
}
