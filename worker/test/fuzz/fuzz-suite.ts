import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFuzzWorld, type FuzzWorld } from "./fuzz-workspace";
import type { RouteSpec } from "./http-cases";
import { fuzzRoute, Tally, TimeBudget } from "./http-runner";

/**
 * The shape every route-group fuzz file shares: one world, one test per route (each
 * failing with its own replay lines), a one-line summary for the closing note, and a
 * check that the codes the contract names were really answered, so a run that sent
 * nothing, or only ever hit one refusal, cannot pass.
 */

/** A file's time for all its routes: well under a minute even when the machine is busy. */
const BUDGET_MS = 40_000;

export function defineFuzzSuite(
  group: string,
  build: (world: () => FuzzWorld) => [RouteSpec, number][],
  expectedCodes: readonly number[],
): () => FuzzWorld {
  let world: FuzzWorld | undefined;
  const get = (): FuzzWorld => {
    if (world === undefined) throw new Error("the fuzz world is made in beforeAll");
    return world;
  };
  const routes = build(get);
  const total = routes.reduce((n, [, count]) => n + count, 0);
  const tally = new Tally();
  const started = Date.now();
  let budget: TimeBudget;

  beforeAll(async () => {
    world = await createFuzzWorld(total);
    budget = new TimeBudget(BUDGET_MS, total);
  }, 30_000);

  afterAll(() => {
    console.log(tally.summary(group, Date.now() - started));
    console.log(`fuzz[${group}] kinds: ${[...tally.kinds].map(([k, n]) => `${k}=${n}`).join(" ")}`);
    if (tally.slowest.length > 0) console.log(`fuzz[${group}] slowest: ${tally.slowest.map((s) => `${s.ms} ms ${s.label}`).join(" | ")}`);
  });

  describe(`hostile requests to the ${group} routes`, () => {
    it.each(routes.map(([spec, count]) => [spec.name, spec, count] as const))(
      "%s: every answer is the envelope with its code, never a 500, and a refusal writes nothing",
      async (_name, spec, count) => {
        const before = tally.failures.length;
        await fuzzRoute(spec, count, get().creds, tally, budget.share(count));
        expect(tally.failures.slice(before, before + 20)).toEqual([]);
      },
      60_000,
    );

    it("answered every code the contract names for these routes", () => {
      const seen = tally.codes();
      const missing = expectedCodes.filter((code) => (seen.get(code) ?? 0) === 0);
      expect(missing, tally.summary(group, Date.now() - started)).toEqual([]);
    });
  });
  return get;
}
