/**
 * Which IP addresses are worth a geolocation lookup: public unicast only. Private, loopback,
 * link-local, carrier-grade NAT, unspecified, multicast, documentation, benchmarking and other
 * special-purpose ranges (IANA special-purpose registries, RFC 6890 and successors) locate
 * nobody, so they are skipped before any database or network call.
 * Server-side (node:net); unparseable input is simply "not public", never an error.
 */
import { BlockList, isIP } from "node:net";

export type NonPublicRange =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared-cgnat"
  | "link-local"
  | "documentation"
  | "benchmarking"
  | "multicast"
  | "reserved"
  | "protocol-assignment"
  | "translation"
  | "unique-local"
  | "not-global-unicast";

const RANGES: ReadonlyArray<readonly [NonPublicRange, string, number, "ipv4" | "ipv6"]> = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["shared-cgnat", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  ["private", "172.16.0.0", 12, "ipv4"],
  ["protocol-assignment", "192.0.0.0", 24, "ipv4"],
  ["documentation", "192.0.2.0", 24, "ipv4"],
  ["translation", "192.88.99.0", 24, "ipv4"], // 6to4 relay anycast (deprecated)
  ["private", "192.168.0.0", 16, "ipv4"],
  ["benchmarking", "198.18.0.0", 15, "ipv4"],
  ["documentation", "198.51.100.0", 24, "ipv4"],
  ["documentation", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"], // includes 255.255.255.255
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["translation", "64:ff9b::", 96, "ipv6"],
  ["translation", "64:ff9b:1::", 48, "ipv6"],
  ["reserved", "100::", 64, "ipv6"], // discard-only
  ["protocol-assignment", "2001::", 23, "ipv6"], // Teredo, benchmarking, ORCHID, ...
  ["documentation", "2001:db8::", 32, "ipv6"],
  ["translation", "2002::", 16, "ipv6"], // 6to4
  ["documentation", "3fff::", 20, "ipv6"],
  ["reserved", "5f00::", 16, "ipv6"], // SRv6 SIDs
  ["unique-local", "fc00::", 7, "ipv6"],
  ["link-local", "fe80::", 10, "ipv6"],
  ["reserved", "fec0::", 10, "ipv6"], // site-local (deprecated)
  ["multicast", "ff00::", 8, "ipv6"],
];

// One list for the common question "is it special at all?" (one check, ~2 µs), and one per
// range name, consulted only to name the range of an address already known to be special.
const anySpecial = new BlockList();
const lists = new Map<NonPublicRange, BlockList>();
for (const [name, network, prefix, type] of RANGES) {
  anySpecial.addSubnet(network, prefix, type);
  let list = lists.get(name);
  if (!list) {
    list = new BlockList();
    lists.set(name, list);
  }
  list.addSubnet(network, prefix, type);
}

/** 2000::/3, the only IPv6 block allocated for global unicast. */
const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet("2000::", 3, "ipv6");

const MAPPED_V4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * The canonical text of an IP address, or null when `raw` is not one. Accepts surrounding
 * whitespace and [brackets], drops an IPv6 zone ID, writes IPv6 in lower-case compressed form
 * and turns IPv4-mapped IPv6 (::ffff:1.2.3.4) into plain IPv4. No ports, no leading zeros.
 */
export function normalizeIp(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > 64) return null;
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return null;
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const mapped = MAPPED_V4.exec(canonical);
  if (mapped) {
    const high = parseInt(mapped[1] ?? "0", 16);
    const low = parseInt(mapped[2] ?? "0", 16);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  return canonical;
}

/** The special-purpose range an address belongs to, or null for a public unicast address.
 * Expects a normalised address (see normalizeIp); anything else is "reserved". */
export function nonPublicRange(ip: string): NonPublicRange | null {
  const version = isIP(ip);
  if (version === 0) return "reserved";
  const type = version === 4 ? "ipv4" : "ipv6";
  if (anySpecial.check(ip, type)) {
    for (const [name, list] of lists) {
      if (list.check(ip, type)) return name;
    }
  }
  if (version === 6 && !GLOBAL_UNICAST_V6.check(ip, "ipv6")) return "not-global-unicast";
  return null;
}

/** True only for a well-formed, public unicast address. */
export function isPublicIp(raw: unknown): boolean {
  const ip = normalizeIp(raw);
  return ip !== null && nonPublicRange(ip) === null;
}

/** The normalised address when it is public, else null: the one check providers need. */
export function publicIp(raw: unknown): string | null {
  const ip = normalizeIp(raw);
  return ip !== null && nonPublicRange(ip) === null ? ip : null;
}
