import { describe, expect, it } from "vitest";
import { AddressPolicy, nonPublicKind, parseNetwork } from "./public-address";

describe("nonPublicKind", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["::1", "a loopback address"],
    ["10.0.0.1", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.20", "a private address"],
    ["100.64.0.1", "a shared (carrier-grade NAT) address"],
    ["100.127.255.255", "a shared (carrier-grade NAT) address"],
    ["169.254.169.254", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["febf::1", "a link-local address"],
    ["fc00::1", "a unique-local address"],
    ["fd12:3456::1", "a unique-local address"],
    ["0.0.0.0", "an unspecified address"],
    ["0.1.2.3", "an unspecified address"],
    ["::", "an unspecified address"],
    ["::7f00:1", "a reserved address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "a reserved address"],
    ["192.0.2.1", "a documentation address"],
    ["198.51.100.7", "a documentation address"],
    ["203.0.113.9", "a documentation address"],
    ["2001:db8::1", "a documentation address"],
    ["198.18.0.1", "a benchmarking address"],
    ["198.19.255.255", "a benchmarking address"],
    ["192.0.0.8", "an IETF protocol assignment address"],
    ["::ffff:127.0.0.1", "a loopback address (IPv4-mapped)"],
    ["::ffff:7f00:1", "a loopback address (IPv4-mapped)"],
    ["::FFFF:A9FE:A9FE", "a link-local address (IPv4-mapped)"],
    ["::ffff:10.1.2.3", "a private address (IPv4-mapped)"],
    ["64:ff9b::10.0.0.1", "a private address (NAT64)"],
    ["64:ff9b::a9fe:a9fe", "a link-local address (NAT64)"],
    ["localhost", "not an IP address"],
    // What Node's net.isIP refuses is not an address either.
    ["01.2.3.4", "not an IP address"],
    ["1.2.3.256", "not an IP address"],
    ["1.2.3", "not an IP address"],
    ["0x7f.0.0.1", "not an IP address"],
    ["1::2::3", "not an IP address"],
    [":::", "not an IP address"],
    ["1:2:3:4:5:6:7:8:9", "not an IP address"],
    ["1:2:3:4::5:6:7:8", "not an IP address"],
    ["12345::1", "not an IP address"],
    ["::1.2.3.4:5", "not an IP address"],
    ["1.2.3.4::", "not an IP address"],
    ["::ffff:01.2.3.4", "not an IP address"],
    ["[::1]", "not an IP address"],
    // Its other spellings.
    ["0:0:0:0:0:0:0:1", "a loopback address"],
    ["0000:0000:0000:0000:0000:0000:0000:0001", "a loopback address"],
    ["::0:7f00:1", "a reserved address"],
    ["0:0:0:0:0:ffff:127.0.0.1", "a loopback address (IPv4-mapped)"],
  ])("%s is %s", (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above it
    "172.15.255.255", // just below 172.16/12
    "172.32.0.0", // just above it
    "169.253.255.255",
    "192.0.1.255",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255", // the last unicast address before multicast
    "11.0.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001::200e",
    "2001:db9::1", // just past the documentation /32
    "fec0::1", // past link-local's /10
    "::ffff:8.8.8.8", // a public IPv4 address, mapped
    "64:ff9b::808:808", // a public IPv4 address through NAT64
  ])("%s is public", (address) => {
    expect(nonPublicKind(address)).toBeUndefined();
  });
});

describe("AddressPolicy", () => {
  it("refuses what is not public unless an allowed network holds it", () => {
    const policy = new AddressPolicy(["192.168.10.0/24", "fd00::/8", "10.0.0.5"]);
    expect(policy.refusal("192.168.10.20")).toBeUndefined();
    expect(policy.refusal("::ffff:192.168.10.20")).toBeUndefined();
    expect(policy.refusal("64:ff9b::192.168.10.20")).toBeUndefined();
    expect(policy.refusal("fd00::20")).toBeUndefined();
    expect(policy.refusal("10.0.0.5")).toBeUndefined();
    expect(policy.refusal("10.0.0.6")).toBe("a private address");
    expect(policy.refusal("192.168.11.1")).toBe("a private address");
    expect(policy.refusal("127.0.0.1")).toBe("a loopback address");
    expect(policy.refusal("8.8.8.8")).toBeUndefined();
  });

  it("matches across families as net.BlockList did: an IPv4 address as its IPv4-mapped form", () => {
    expect(new AddressPolicy(["::ffff:192.168.0.0/112"]).refusal("192.168.1.1")).toBeUndefined();
    expect(new AddressPolicy(["::/0"]).refusal("10.0.0.1")).toBeUndefined();
    expect(new AddressPolicy(["::/0"]).refusal("::1")).toBeUndefined();
    expect(new AddressPolicy(["0.0.0.0/0"]).refusal("::1")).toBe("a loopback address");
    expect(new AddressPolicy(["10.0.0.0/8"]).refusal("::ffff:10.1.2.3")).toBeUndefined();
    expect(new AddressPolicy(["fe80::1%eth0/64"]).refusal("fe80::2%eth1")).toBeUndefined();
    expect(new AddressPolicy(["fe80::1%eth0/64"]).refusal("fe80:0:0:1::2")).toBe("a link-local address");
  });

  it("allows nothing private by default", () => {
    expect(new AddressPolicy().refusal("192.168.1.1")).toBe("a private address");
  });

  it("refuses a malformed network", () => {
    expect(() => new AddressPolicy(["192.168.1.0/33"])).toThrow(RangeError);
    expect(() => new AddressPolicy(["nas.local"])).toThrow('not a network (CIDR): "nas.local"');
  });
});

describe("parseNetwork", () => {
  it.each([
    ["10.0.0.0/8", { address: "10.0.0.0", prefix: 8, family: "ipv4" }],
    [" 192.168.1.20 ", { address: "192.168.1.20", prefix: 32, family: "ipv4" }],
    ["fd00::/8", { address: "fd00::", prefix: 8, family: "ipv6" }],
    ["::1", { address: "::1", prefix: 128, family: "ipv6" }],
    ["::ffff:10.0.0.0/104", { address: "::ffff:10.0.0.0", prefix: 104, family: "ipv6" }],
    ["fe80::1%eth0/64", { address: "fe80::1%eth0", prefix: 64, family: "ipv6" }],
    ["10.0.0.0/0", { address: "10.0.0.0", prefix: 0, family: "ipv4" }],
  ])("reads %j", (text, network) => {
    expect(parseNetwork(text)).toEqual(network);
  });

  it.each(["", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/8/1", "10.0.0.0/-1", "10.0.0.0/0x8", "nas.local/24", "300.0.0.1/8", "010.0.0.0/8", "10.0.0.0%eth0/8", "fe80::1%/64", "fe80::1%a b", "1::2::/64"])("refuses %j", (text) => {
    expect(parseNetwork(text)).toBeUndefined();
  });
});
