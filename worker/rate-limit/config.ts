import type { BucketRule } from "./bucket";

export const DEFAULT_RULE: BucketRule = { burst: 120, perSecond: 10 };

/** The wrangler vars that set the rule; both optional, both strings. */
export interface RateLimitVars {
  RATE_LIMIT_BURST?: string;
  RATE_LIMIT_PER_SECOND?: string;
}

/** Beyond this a limit limits nothing; a typo with extra zeros should say so. */
const MAX_BURST = 1_000_000;
const MAX_PER_SECOND = 1_000_000;

let lastSeen: { raw: string; rule: BucketRule | null } | null = null;

/**
 * The rule the vars ask for, or null when limiting is off (`RATE_LIMIT_PER_SECOND = "0"`).
 * A bad value is logged as an error and replaced by its default: a misconfigured deploy
 * keeps a working limit instead of none or a broken API. Parsed once per isolate per
 * distinct pair of values, so the error is logged once, not on every request.
 */
export function rateLimitRule(vars: RateLimitVars): BucketRule | null {
  const raw = JSON.stringify([vars.RATE_LIMIT_BURST ?? null, vars.RATE_LIMIT_PER_SECOND ?? null]);
  if (lastSeen?.raw !== raw) lastSeen = { raw, rule: parseRule(vars) };
  return lastSeen.rule;
}

function parseRule(vars: RateLimitVars): BucketRule | null {
  const perSecond = parseVar("RATE_LIMIT_PER_SECOND", vars.RATE_LIMIT_PER_SECOND, DEFAULT_RULE.perSecond, (n) => n >= 0 && n <= MAX_PER_SECOND);
  if (perSecond === 0) return null;
  const burst = parseVar("RATE_LIMIT_BURST", vars.RATE_LIMIT_BURST, DEFAULT_RULE.burst, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_BURST);
  return { burst, perSecond };
}

function parseVar(name: string, value: string | undefined, fallback: number, valid: (n: number) => boolean): number {
  // Unset or blank: the default, silently (a blank var is how a deploy clears one).
  if (value === undefined || value.trim() === "") return fallback;
  // Number("") and Number(" ") are 0, "1e3" is 1000: only plain decimals are accepted.
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isFinite(n) && valid(n)) return n;
  console.error(`rate limit: ${name} = ${JSON.stringify(value)} is not valid; using the default ${fallback}`);
  return fallback;
}
