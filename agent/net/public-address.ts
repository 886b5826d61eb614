import { BlockList, isIP } from "node:net";

/**
 * Which IP addresses count as public, for downloads (docs/post-script.md): a task's material
 * URL comes from whoever holds an API key, and the agent runs inside a studio's network, so a
 * URL must not reach what only that network reaches (the router, a NAS, the cloud metadata
 * service at 169.254.169.254, the PC itself). What is not public is named, so a refusal can
 * say why; a studio that hosts media on its LAN allows those networks by CIDR.
 */
const NON_PUBLIC: ReadonlyArray<readonly [network: string, what: string]> = [
  ["0.0.0.0/8", "an unspecified address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a shared (carrier-grade NAT) address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.0.0/16", "a link-local address"],
  ["172.16.0.0/12", "a private address"],
  ["192.0.0.0/24", "an IETF protocol assignment address"],
  ["192.0.2.0/24", "a documentation address"],
  ["192.168.0.0/16", "a private address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["198.51.100.0/24", "a documentation address"],
  ["203.0.113.0/24", "a documentation address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "an unspecified address"],
  ["::1/128", "a loopback address"],
  // IPv4-compatible addresses (::a.b.c.d), deprecated since RFC 4291: nothing public uses them.
  ["::/96", "a reserved address"],
  ["fe80::/10", "a link-local address"],
  ["fc00::/7", "a unique-local address"],
  ["ff00::/8", "a multicast address"],
  ["2001:db8::/32", "a documentation address"],
];

/** An IPv4 address inside an IPv6 one reaches that IPv4 host: ::ffff:a.b.c.d on this PC's own stack, 64:ff9b::a.b.c.d through a NAT64 gateway. */
const EMBEDDING: ReadonlyArray<readonly [prefix: readonly number[], how: string]> = [
  [[0, 0, 0, 0, 0, 0xffff], "IPv4-mapped"],
  [[0x64, 0xff9b, 0, 0, 0, 0], "NAT64"],
];

export interface Network {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** `10.0.0.0/8`, `fd12::/16`, or one address (a /32 or /128); undefined when it is neither. */
export function parseNetwork(text: string): Network | undefined {
  const [address = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

const RULES = NON_PUBLIC.map(([network, what]) => {
  const parsed = parseNetwork(network);
  if (parsed === undefined) throw new Error(`not a network: ${network}`);
  return { list: listOf([parsed]), what };
});

/**
 * What kind of non-public address `address` is ("a loopback address"), or undefined when it
 * is public. An IPv4 address carried in IPv6 is judged by that IPv4 address.
 */
export function nonPublicKind(address: string): string | undefined {
  const plain = withoutZone(address);
  const family = familyOf(plain);
  if (family === undefined) return "not an IP address";
  const embedded = embeddedIPv4(plain);
  if (embedded !== undefined) {
    const kind = nonPublicKind(embedded.ipv4);
    return kind === undefined ? undefined : `${kind} (${embedded.how})`;
  }
  return RULES.find((rule) => rule.list.check(plain, family))?.what;
}

/** The rule for one download: public addresses, and whatever the allowed networks hold. */
export class AddressPolicy {
  private readonly allowed: BlockList;

  /** `allowed`: CIDRs (or single addresses); a malformed one is a RangeError, so config checks them first. */
  constructor(allowed: readonly string[] = []) {
    this.allowed = listOf(
      allowed.map((text) => {
        const network = parseNetwork(text);
        if (network === undefined) throw new RangeError(`not a network (CIDR): "${text}"`);
        return network;
      }),
    );
  }

  /** Why nothing may be downloaded from `address` ("a loopback address"), or undefined when it may. */
  refusal(address: string): string | undefined {
    const kind = nonPublicKind(address);
    if (kind === undefined) return undefined;
    const plain = withoutZone(address);
    const family = familyOf(plain);
    if (family !== undefined && this.allowed.check(plain, family)) return undefined;
    const embedded = embeddedIPv4(plain);
    if (embedded !== undefined && this.allowed.check(embedded.ipv4, "ipv4")) return undefined;
    return kind;
  }
}

function listOf(networks: readonly Network[]): BlockList {
  const list = new BlockList();
  for (const network of networks) list.addSubnet(network.address, network.prefix, network.family);
  return list;
}

function familyOf(address: string): "ipv4" | "ipv6" | undefined {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

/** `fe80::1%eth0` names an interface; the address is what comes before. */
function withoutZone(address: string): string {
  const at = address.indexOf("%");
  return at < 0 ? address : address.slice(0, at);
}

function embeddedIPv4(address: string): { ipv4: string; how: string } | undefined {
  if (isIP(address) !== 6) return undefined;
  const groups = ipv6Groups(address);
  for (const [prefix, how] of EMBEDDING) {
    if (prefix.every((group, index) => groups[index] === group)) {
      const [high = 0, low = 0] = groups.slice(6);
      return { ipv4: [high >> 8, high & 0xff, low >> 8, low & 0xff].join("."), how };
    }
  }
  return undefined;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
