import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, it } from "vitest";
import { guardedLookup, type Resolver } from "./guarded-lookup";

/** A resolver that answers from a script of answers, one per call, and counts the calls. */
function scripted(...answers: LookupAddress[][]): Resolver & { calls: number } {
  const resolver = Object.assign(
    (_hostname: string) => {
      const answer = answers[resolver.calls] ?? [];
      resolver.calls += 1;
      return Promise.resolve(answer);
    },
    { calls: 0 },
  );
  return resolver;
}

const refusePrivate = (address: string) => (address.startsWith("10.") ? new Error(`${address} is private`) : undefined);

function lookUp(lookup: ReturnType<typeof guardedLookup>, options: LookupOptions): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => lookup("media.example", options, (error, address, family) => resolve({ error, address, family })));
}

const PUBLIC_A = { address: "93.184.216.34", family: 4 };
const PUBLIC_B = { address: "2606:2800:220:1::1", family: 6 };
const PRIVATE = { address: "10.0.0.7", family: 4 };

describe("guardedLookup", () => {
  it("hands the socket exactly the addresses it checked, all of them or the first", async () => {
    const resolver = scripted([PUBLIC_A, PUBLIC_B], [PUBLIC_A, PUBLIC_B]);
    const lookup = guardedLookup(refusePrivate, resolver);
    expect(await lookUp(lookup, { all: true })).toEqual({ error: null, address: [PUBLIC_A, PUBLIC_B], family: undefined });
    expect(await lookUp(lookup, {})).toEqual({ error: null, address: PUBLIC_A.address, family: 4 });
  });

  it("refuses when any one address is refused, even if the others are public", async () => {
    const result = await lookUp(guardedLookup(refusePrivate, scripted([PUBLIC_A, PRIVATE])), { all: true });
    expect(result.error?.message).toBe("10.0.0.7 is private");
    expect(result.address).toEqual([]);
  });

  it("resolves once per connection: an answer that changes afterwards (DNS rebinding) is never used", async () => {
    // The first answer is checked and handed over; the rebound one would only come from a second lookup.
    const resolver = scripted([PUBLIC_A], [PRIVATE]);
    const lookup = guardedLookup(refusePrivate, resolver);
    expect(await lookUp(lookup, { all: true })).toMatchObject({ error: null, address: [PUBLIC_A] });
    expect(resolver.calls).toBe(1);
    // A new connection resolves again and is checked again.
    expect((await lookUp(lookup, { all: true })).error?.message).toBe("10.0.0.7 is private");
    expect(resolver.calls).toBe(2);
  });

  it("passes on a resolver's failure, and treats no address as not found", async () => {
    const failing: Resolver = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND media.example"), { code: "ENOTFOUND" }));
    expect((await lookUp(guardedLookup(refusePrivate, failing), {})).error?.message).toBe("getaddrinfo ENOTFOUND media.example");
    expect((await lookUp(guardedLookup(refusePrivate, scripted([])), { all: true })).error?.message).toBe("getaddrinfo ENOTFOUND media.example");
  });

  it("asks the resolver for the family the socket asked for", async () => {
    const asked: number[] = [];
    const recording: Resolver = (_hostname, family) => {
      asked.push(family);
      return Promise.resolve([PUBLIC_A]);
    };
    const lookup = guardedLookup(refusePrivate, recording);
    await lookUp(lookup, { family: 4 });
    await lookUp(lookup, { family: 6 });
    await lookUp(lookup, {});
    expect(asked).toEqual([4, 6, 0]);
  });
});
