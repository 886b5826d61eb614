import { nonPublicKind } from "../../shared/net/public-address";
import { invalid } from "../http/api-error";

/**
 * Names that never lead to the public internet: the machine itself, a LAN's multicast DNS,
 * names reserved for private use (RFC 6761, RFC 8375, ICANN's .internal), and names of one
 * label, which only a local resolver's search list can complete.
 */
const PRIVATE_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/, /\.lan$/, /\.intranet$/, /\.corp$/, /^[^.]+$/];

/**
 * A URL the Worker may fetch into the library on a user's behalf (`POST /materials/import`),
 * or 40001 saying why not: https only, no credentials in it, and a host that is a public
 * address or a public name. The WHATWG parser has already turned an address's other spellings
 * (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`) into their plain form, so each is judged as
 * the address it is. Workers cannot resolve names, so a public name that resolves to a private
 * address is not caught here: on Cloudflare the fetch leaves from Cloudflare's edge, which has
 * no route into a studio's network (docs/api.md "Material library").
 */
export function importTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`url is not a URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (url.protocol !== "https:") throw invalid(`url must be https://, got ${url.protocol.replace(/:$/, "")}://`);
  if (url.username !== "" || url.password !== "") throw invalid("url must not carry a user name or password");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const address = /^[\d.]+$/.test(host) || host.includes(":");
  if (address) {
    const kind = nonPublicKind(host);
    if (kind !== undefined) throw invalid(`url's host ${host} is ${kind}: only public addresses can be imported from`);
  } else if (PRIVATE_NAMES.some((pattern) => pattern.test(host.replace(/\.$/, "")))) {
    throw invalid(`url's host ${host} is a local or private name: only public hosts can be imported from`);
  }
  if (url.port !== "" && url.port !== "443") throw invalid(`url must use the https port (443), got ${url.port}`);
  return url;
}
