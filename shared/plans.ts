/**
 * Plans as TikMatrix sells them. `deviceLimit` is both what license/check reports and how
 * many tasks may run at once in a workspace; Starter has no API access at all.
 */
export const PLANS = {
  starter: { name: "Starter", deviceLimit: 5, apiEnabled: false },
  pro: { name: "Pro", deviceLimit: 20, apiEnabled: true },
  team: { name: "Team", deviceLimit: 50, apiEnabled: true },
  business: { name: "Business", deviceLimit: 100, apiEnabled: true },
} as const;

export type PlanId = keyof typeof PLANS;

export const PLAN_IDS = Object.keys(PLANS) as PlanId[];

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(PLANS, value);
}
