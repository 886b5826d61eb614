import { BlockList, isIP } from "node:net";

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** An address this machine alone can reach: 127.0.0.0/8, ::1, or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost") return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Why a request must be refused although it reached the loopback port, or undefined when it
 * may be forwarded. The port acts with the agent's API key, so whatever can make a request
 * to it can act on the workspace. Scripts on this PC may (that is the point); web pages the
 * studio's browser opens must not:
 *
 * - A page of another site can send a POST that needs no preflight (no Content-Type, which
 *   the API accepts as JSON) and create tasks without ever reading the answer. Browsers
 *   mark such requests with `Origin`, and `Sec-Fetch-Site`; scripts send neither.
 * - A page can point a name of its own at 127.0.0.1 (DNS rebinding) and then call the port
 *   as its own origin; its requests then carry its name in `Host`.
 *
 * TikMatrix's page (../shared/spec/task-api.zh.md) documents no calls from browsers and no
 * CORS, so this port answers none (docs/local-api.md).
 */
export function refusal(headers: { origin?: string | undefined; host?: string | undefined; "sec-fetch-site"?: string | undefined }): string | undefined {
  if (headers.origin !== undefined) {
    return `the local API does not answer web pages (this request came from ${JSON.stringify(headers.origin.slice(0, 200))}): it acts with the agent's API key; a page must call the Worker with a key of its own`;
  }
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "none" && site !== "same-origin") {
    return `the local API does not answer web pages (Sec-Fetch-Site: ${JSON.stringify(site.slice(0, 50))}): it acts with the agent's API key`;
  }
  // No Host at all is an HTTP/1.0 script, not a browser: browsers always send one.
  if (headers.host !== undefined && !isLoopbackHost(hostnameOf(headers.host))) {
    return `the local API answers only requests for localhost or 127.0.0.1, not for ${JSON.stringify(headers.host.slice(0, 200))}: a web page can point a name of its own at this PC`;
  }
  return undefined;
}

/** `127.0.0.1:50809` → `127.0.0.1`, `[::1]:50809` → `[::1]`. */
function hostnameOf(host: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(host);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  return host.replace(/:\d*$/, "");
}
