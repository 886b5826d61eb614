/**
 * Which IP addresses count as public, for downloads (docs/post-script.md): a task's material
 * URL comes from whoever holds an API key, and the agent runs inside a studio's network, so a
 * URL must not reach what only that network reaches (the router, a NAS, the cloud metadata
 * service at 169.254.169.254, the PC itself). What is not public is named, so a refusal can
 * say why; a studio that hosts media on its LAN allows those networks by CIDR. The rules are
 * shared, in plain TypeScript with no Node modules, so that the Worker's URL import
 * (POST /api/v1/materials/import) and the agent's downloads refuse the same addresses.
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
  const version = ipVersion(address);
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
  return { holds: listOf([parsed]), what };
});

/**
 * What kind of non-public address `address` is ("a loopback address"), or undefined when it
 * is public. An IPv4 address carried in IPv6 is judged by that IPv4 address.
 */
export function nonPublicKind(address: string): string | undefined {
  const plain = withoutZone(address);
  const parsed = parseAddress(plain);
  if (parsed === undefined) return "not an IP address";
  const embedded = embeddedIPv4(parsed);
  if (embedded !== undefined) {
    const kind = nonPublicKind(embedded.ipv4);
    return kind === undefined ? undefined : `${kind} (${embedded.how})`;
  }
  return RULES.find((rule) => rule.holds(parsed))?.what;
}

/** The rule for one download: public addresses, and whatever the allowed networks hold. */
export class AddressPolicy {
  private readonly allowed: (address: Address) => boolean;

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
    const parsed = parseAddress(withoutZone(address));
    if (parsed !== undefined && this.allowed(parsed)) return undefined;
    const embedded = parsed === undefined ? undefined : embeddedIPv4(parsed);
    if (embedded !== undefined && this.allowed({ family: "ipv4", value: embedded.value })) return undefined;
    return kind;
  }
}

/** An address as numbers: IPv4 as one unsigned 32-bit number, IPv6 as its eight 16-bit groups. */
type Address = { family: "ipv4"; value: number } | { family: "ipv6"; groups: readonly number[] };

const IPV4_MAPPED: readonly number[] = [0, 0, 0, 0, 0, 0xffff];

/**
 * Whether one of `networks` holds an address, matched the way Node's net.BlockList (which this
 * replaced) matches: across families too, an IPv4 address being its IPv4-mapped form
 * (::ffff:a.b.c.d) to an IPv6 network, and an IPv4 network holding the IPv4-mapped forms of its
 * addresses.
 */
function listOf(networks: readonly Network[]): (address: Address) => boolean {
  const bases = networks.map((network) => {
    const base = parseAddress(withoutZone(network.address));
    if (base === undefined || base.family !== network.family) throw new Error(`not a network: ${network.address}/${network.prefix}`);
    return { base, prefix: network.prefix };
  });
  return (address) =>
    bases.some(({ base, prefix }) => {
      if (base.family === "ipv4") {
        if (address.family === "ipv4") return inIPv4Network(address.value, base.value, prefix);
        return startsWith(address.groups, IPV4_MAPPED) && inIPv4Network(low32(address.groups), base.value, prefix);
      }
      const groups = address.family === "ipv6" ? address.groups : [...IPV4_MAPPED, address.value >>> 16, address.value & 0xffff];
      return inIPv6Network(groups, base.groups, prefix);
    });
}

function inIPv4Network(value: number, base: number, prefix: number): boolean {
  if (prefix <= 0) return true;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return ((value & mask) >>> 0) === ((base & mask) >>> 0);
}

function inIPv6Network(groups: readonly number[], base: readonly number[], prefix: number): boolean {
  for (let index = 0; index < 8; index++) {
    const bits = Math.min(16, prefix - 16 * index);
    if (bits <= 0) return true;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((groups[index] ?? 0) & mask) !== ((base[index] ?? 0) & mask)) return false;
  }
  return true;
}

function startsWith(groups: readonly number[], prefix: readonly number[]): boolean {
  return prefix.every((group, index) => groups[index] === group);
}

function low32(groups: readonly number[]): number {
  return (((groups[6] ?? 0) << 16) | (groups[7] ?? 0)) >>> 0;
}

/** `fe80::1%eth0` names an interface; the address is what comes before. */
function withoutZone(address: string): string {
  const at = address.indexOf("%");
  return at < 0 ? address : address.slice(0, at);
}

function embeddedIPv4(address: Address): { ipv4: string; value: number; how: string } | undefined {
  if (address.family !== "ipv6") return undefined;
  for (const [prefix, how] of EMBEDDING) {
    if (startsWith(address.groups, prefix)) {
      const value = low32(address.groups);
      return { ipv4: [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join("."), value, how };
    }
  }
  return undefined;
}

/**
 * 4 or 6 when `text` is an IPv4 or IPv6 address, else 0; what Node's net.isIP answers, so an
 * IPv6 address may carry a zone (`fe80::1%eth0`).
 */
function ipVersion(text: string): 0 | 4 | 6 {
  if (ipv4Value(text) !== undefined) return 4;
  const at = text.indexOf("%");
  if (at >= 0 && !/^[0-9a-zA-Z.:-]+$/.test(text.slice(at + 1))) return 0;
  return ipv6Groups(at < 0 ? text : text.slice(0, at)) === undefined ? 0 : 6;
}

/** An address without a zone, or undefined when `text` is not one. */
function parseAddress(text: string): Address | undefined {
  const value = ipv4Value(text);
  if (value !== undefined) return { family: "ipv4", value };
  const groups = ipv6Groups(text);
  return groups === undefined ? undefined : { family: "ipv6", groups };
}

/** A dotted quad (`192.0.2.1`: four parts of 0-255, no leading zeros) as an unsigned 32-bit number. */
function ipv4Value(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * The eight 16-bit groups of an IPv6 address in RFC 4291's text forms (groups of 1-4 hex digits,
 * at most one `::` standing for one or more zero groups, optionally a dotted IPv4 address as the
 * last two groups), or undefined when `text` is not one. No zone.
 */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const [head = "", tail = ""] = halves;
  const front = groupsOf(head, !compressed);
  const back = compressed ? groupsOf(tail, true) : [];
  if (front === undefined || back === undefined) return undefined;
  const count = front.length + back.length;
  if (compressed ? count > 7 : count !== 8) return undefined;
  return [...front, ...Array<number>(8 - count).fill(0), ...back];
}

/** The groups of one side of `::` (`""` is none); `last`: the side that ends the address, which may end in a dotted IPv4 address. */
function groupsOf(part: string, last: boolean): number[] | undefined {
  if (part === "") return [];
  const pieces = part.split(":");
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (/^[0-9a-fA-F]{1,4}$/.test(piece)) groups.push(parseInt(piece, 16));
    else {
      const value = last && index === pieces.length - 1 ? ipv4Value(piece) : undefined;
      if (value === undefined) return undefined;
      groups.push(value >>> 16, value & 0xffff);
    }
  }
  return groups;
}
