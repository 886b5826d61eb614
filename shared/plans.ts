const GiB = 1024 ** 3;

/**
 * Plans as TikMatrix sells them. `deviceLimit` is both what license/check reports and how
 * many tasks may run at once in a workspace; Starter has no API access at all. `library`
 * bounds the material library (docs/api.md "Material library"): how many files, how large
 * one may be, and how many bytes all of them; each is checked before a byte is stored.
 */
export const PLANS = {
  starter: { name: "Starter", deviceLimit: 5, apiEnabled: false, library: { maxFiles: 0, maxFileBytes: 0, maxTotalBytes: 0 } },
  pro: { name: "Pro", deviceLimit: 20, apiEnabled: true, library: { maxFiles: 5_000, maxFileBytes: 2 * GiB, maxTotalBytes: 100 * GiB } },
  team: { name: "Team", deviceLimit: 50, apiEnabled: true, library: { maxFiles: 20_000, maxFileBytes: 2 * GiB, maxTotalBytes: 500 * GiB } },
  business: { name: "Business", deviceLimit: 100, apiEnabled: true, library: { maxFiles: 100_000, maxFileBytes: 4 * GiB, maxTotalBytes: 2_000 * GiB } },
} as const;

export type PlanId = keyof typeof PLANS;

export const PLAN_IDS = Object.keys(PLANS) as PlanId[];

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(PLANS, value);
}
