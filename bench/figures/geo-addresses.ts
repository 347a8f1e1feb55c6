/**
 * The addresses the geo figure looks up: the same list in every process, from a seeded PRNG.
 * IPv4: uniformly random 32-bit values, keeping only public unicast addresses (the app's own
 * `publicIp` rule, so no lookup is wasted on a range the provider would skip anyway).
 * IPv6: random addresses under the five regional registries' /12 blocks (2400::/12 APNIC,
 * 2600::/12 ARIN, 2800::/12 LACNIC, 2a00::/12 RIPE NCC, 2c00::/12 AFRINIC), where real
 * allocations are; many still fall in unallocated space, which is a realistic miss.
 */
import { createHash } from "node:crypto";
import { publicIp } from "@/lib/enrichment/ip-ranges";
import { seededUint32 } from "../lib/stats";

export const GEO_SEED = 20260605;
export const IPV4_COUNT = 100_000;
export const IPV6_COUNT = 10_000;

export function publicIpv4s(count: number, seed: number = GEO_SEED): string[] {
  const next = seededUint32(seed);
  const out: string[] = [];
  while (out.length < count) {
    const n = next();
    const ip = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    if (publicIp(ip) === ip) out.push(ip);
  }
  return out;
}

const RIR_PREFIXES = [0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00] as const;

export function publicIpv6s(count: number, seed: number = GEO_SEED + 6): string[] {
  const next = seededUint32(seed);
  const out: string[] = [];
  while (out.length < count) {
    const prefix = RIR_PREFIXES[next() % RIR_PREFIXES.length] as number;
    const groups = [prefix | (next() & 0x000f)];
    for (let i = 1; i < 8; i++) groups.push(next() & 0xffff);
    const ip = groups.map((g) => g.toString(16)).join(":");
    const normalized = publicIp(ip);
    if (normalized) out.push(normalized);
  }
  return out;
}

/** A short fingerprint of a list, so each process can show it looked up the same addresses. */
export function fingerprint(list: readonly string[]): string {
  return createHash("sha256").update(list.join("\n")).digest("hex").slice(0, 12);
}
