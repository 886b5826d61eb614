import { promises as dns, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";

/** Resolves a host name to all its addresses; the system resolver unless a test gives another. */
export type Resolver = (hostname: string, family: 0 | 4 | 6, hints: number | undefined) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, family, hints) => dns.lookup(hostname, { all: true, family, hints, verbatim: true });

/**
 * A `lookup` for https.request that checks where the socket will connect. The name is resolved
 * once; if `refuse` objects to ANY of its addresses the connection fails with that error, else
 * the socket gets exactly the addresses that were checked. The socket then connects without a
 * lookup of its own, so a DNS answer that changes between the check and the connection (DNS
 * rebinding) cannot swap a checked public address for a private one.
 */
export function guardedLookup(refuse: (address: string) => Error | undefined, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
    resolve(hostname, family, options.hints).then(
      (addresses) => {
        const refusal = addresses.map((entry) => refuse(entry.address)).find((error) => error !== undefined);
        const [first] = addresses;
        if (refusal !== undefined) callback(refusal, options.all === true ? [] : "");
        else if (first === undefined) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), options.all === true ? [] : "");
        else if (options.all === true) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all === true ? [] : ""),
    );
  };
}
