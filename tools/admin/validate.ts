import { isPlanId, PLAN_IDS, type PlanId } from "../../shared/plans";
import { isPlatform, PLATFORMS, type Platform } from "../../shared/platforms";
import { SHARD_NAME } from "../../shared/shard-names";
import { canonicalTimeZone, MAX_RETENTION_DAYS, MAX_RETRY_COUNT, MIN_RETENTION_DAYS } from "../../shared/workspace-settings";
import { UserError } from "../lib/errors";

/**
 * Checks of what a user typed, done before any wrangler call so a typo fails at once and
 * never reaches the database. Each message names the field and what would be accepted.
 */

const MAX_NAME_LENGTH = 100;
export { MAX_RETENTION_DAYS, MAX_RETRY_COUNT, MIN_RETENTION_DAYS } from "../../shared/workspace-settings";

export function parseWorkspaceName(input: string): string {
  const name = input.trim();
  if (name === "") throw new UserError("workspace name must not be empty");
  if (name.length > MAX_NAME_LENGTH) throw new UserError(`workspace name must be at most ${MAX_NAME_LENGTH} characters`);
  if (hasControlCharacter(name)) throw new UserError("workspace name must not contain control characters");
  return name;
}

export function parseCredentialName(input: string): string {
  const name = input.trim();
  if (name === "") throw new UserError("--name must not be empty");
  if (name.length > MAX_NAME_LENGTH) throw new UserError(`--name must be at most ${MAX_NAME_LENGTH} characters`);
  if (hasControlCharacter(name)) throw new UserError("--name must not contain control characters");
  return name;
}

export function parsePlan(input: string): PlanId {
  const plan = input.trim().toLowerCase();
  if (!isPlanId(plan)) throw new UserError(`unknown plan "${input}": use one of ${PLAN_IDS.join(", ")}`);
  return plan;
}

export function parsePlatform(input: string): Platform {
  const platform = input.trim().toLowerCase();
  if (!isPlatform(platform)) throw new UserError(`unknown platform "${input}": use one of ${PLATFORMS.join(", ")}`);
  return platform;
}

/**
 * An IANA zone as the runtime knows it. Stored in the canonical spelling Intl reports
 * ("asia/tokyo" becomes "Asia/Tokyo"), so the Worker reads exactly what it validates.
 */
export function parseTimezone(input: string): string {
  const zone = canonicalTimeZone(input);
  if (zone === undefined) throw new UserError(`unknown timezone "${input}": use an IANA name such as UTC, Europe/Berlin or Asia/Tokyo`);
  return zone;
}

export function parseRetryCount(input: string): number {
  return parseWholeNumber("--max-retry-count", input, 0, MAX_RETRY_COUNT);
}

/** Days a workspace keeps finished tasks in D1 before the history job moves them to R2 (PATCH /workspace's limits). */
export function parseRetentionDays(input: string): number {
  return parseWholeNumber("--retention-days", input, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
}

/** A whole number in digits only (no sign, exponent or fraction), from `min` to `max`; the error names the option. */
function parseWholeNumber(option: string, input: string, min: number, max: number): number {
  const text = input.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(`${option} must be a whole number from ${min} to ${max}, got "${input}"`);
  }
  return value;
}

function hasControlCharacter(text: string): boolean {
  // C0 controls and DEL: a name with them would garble listings and terminals.
  return /[\u0000-\u001f\u007f]/.test(text);
}

/** A shard's binding name as wrangler.toml spells it (shared/shard-names.ts). */
export function parseShard(input: string): string {
  const shard = input.trim();
  if (!SHARD_NAME.test(shard)) throw new UserError(`--shard must be a D1 binding name, DB or DB_ and capitals, digits or underscores (DB_2), got "${input}"`);
  return shard;
}
