/**
 * One geo reader, measured alone in this process (spawned by figures/geo.ts):
 *   node --conditions=react-server --import tsx --expose-gc bench/figures/geo-child.ts <ours|geoip-lite> --out <file>
 * Steps: build the address lists, settle the heap and note the resident set (RSS); open the
 * database (timed); one warm-up pass; then `--passes` timed passes over the IPv4 list and the IPv6
 * list (median kept); settle the heap again and note the RSS. The difference is what the reader
 * costs this process in memory, with the address lists already counted in the starting point.
 */
import { writeFileSync } from "node:fs";
import { argValue } from "../lib/child";
import { median, nowNs } from "../lib/stats";
import { GEO_SEED, IPV4_COUNT, IPV6_COUNT, fingerprint, publicIpv4s, publicIpv6s } from "./geo-addresses";

export type GeoImpl = "ours" | "geoip-lite";

export interface PassResult {
  /** Lookups per second, median of the timed passes. */
  perSecond: number;
  /** Answers with a country / a city / a time zone (first pass). */
  countries: number;
  /** Lookups that returned anything, per timed pass (also keeps the timed loop observable). */
  answered: number;
  cities: number;
  timezones: number;
}

export interface GeoChildResult {
  impl: GeoImpl;
  fingerprints: { v4: string; v6: string };
  loadMs: number;
  rssBefore: number;
  rssAfterLoad: number;
  rssAfter: number;
  v4: PassResult;
  v6: PassResult;
  /** ours only: the bare mmdb read (no validation, no time zone). */
  v4Raw?: PassResult;
  /** ours only: parts of locate() alone, per second: the public-IP check, the time zone from coordinates. */
  v4PublicCheck?: PassResult;
  v4TimeZone?: PassResult;
  /** The country (or "") for each IPv4 address, for the agreement check in the parent. */
  v4Countries: string[];
}

interface Answer {
  country?: string;
  city?: string;
  timezone?: string;
}

function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}

function measure(list: readonly string[], lookup: (ip: string) => Answer | null, passes: number, keep?: string[]): PassResult {
  let countries = 0;
  let cities = 0;
  let timezones = 0;
  // Warm-up pass (JIT, page cache), also the pass whose answers are counted.
  for (const ip of list) {
    const a = lookup(ip);
    if (a?.country) countries++;
    if (a?.city) cities++;
    if (a?.timezone) timezones++;
    keep?.push(a?.country ?? "");
  }
  const rates: number[] = [];
  let sink = 0;
  for (let p = 0; p < passes; p++) {
    const start = nowNs();
    for (const ip of list) {
      if (lookup(ip)) sink++;
    }
    rates.push(list.length / ((nowNs() - start) / 1e9));
  }
  return { perSecond: median(rates), countries, answered: sink / passes, cities, timezones };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const impl = argv[0];
  const out = argValue(argv, "--out");
  const passes = Number(argValue(argv, "--passes") ?? "3");
  if (impl !== "ours" && impl !== "geoip-lite") throw new Error(`geo-child: unknown reader "${String(impl)}"`);
  if (!out) throw new Error("geo-child: --out <file> is required");

  const v4 = publicIpv4s(IPV4_COUNT, GEO_SEED);
  const v6 = publicIpv6s(IPV6_COUNT, GEO_SEED + 6);
  settle();
  const rssBefore = process.memoryUsage().rss;

  let lookup: (ip: string) => Answer | null;
  let raw: ((ip: string) => Answer | null) | undefined;
  let publicCheck: ((ip: string) => Answer | null) | undefined;
  let timeZone: ((ip: string) => Answer | null) | undefined;
  const loadStart = nowNs();
  if (impl === "ours") {
    const { loadGeoip, locate } = await import("@/lib/enrichment/geoip.server");
    const { publicIp } = await import("@/lib/enrichment/ip-ranges");
    const { timeZoneAt } = await import("@/lib/enrichment/time-zone-at");
    const db = await loadGeoip(undefined, console);
    if (!db?.v4 || !db.v6) throw new Error("geo-child: the DB-IP database did not open (see the warning above)");
    const v4Reader = db.v4;
    lookup = (ip) => locate(db, ip);
    // The bare read: the mmdb record as stored, no validation, no time-zone derivation.
    raw = (ip) => {
      const r = v4Reader.get(ip) as { country_code?: string; city?: string; timezone?: string } | null;
      return r ? { country: r.country_code, city: r.city, timezone: r.timezone } : null;
    };
    publicCheck = (ip) => (publicIp(ip) ? { country: "ok" } : null);
    // The coordinates of each address, read once, so the pass times tz-lookup alone.
    const coordinates = new Map<string, { latitude?: number; longitude?: number }>();
    timeZone = (ip) => {
      let c = coordinates.get(ip);
      if (!c) {
        c = (v4Reader.get(ip) as { latitude?: number; longitude?: number } | null) ?? {};
        coordinates.set(ip, c);
      }
      const zone = timeZoneAt(c.latitude, c.longitude);
      return zone ? { country: "ok", timezone: zone } : null;
    };
  } else {
    const geoip = (await import("geoip-lite")).default;
    lookup = (ip) => geoip.lookup(ip);
  }
  const loadMs = (nowNs() - loadStart) / 1e6;
  const rssAfterLoad = process.memoryUsage().rss;

  const v4Countries: string[] = [];
  const v4Result = measure(v4, lookup, passes, v4Countries);
  const v6Result = measure(v6, lookup, passes);
  const v4Raw = raw ? measure(v4, raw, passes) : undefined;
  // Memory is read before the breakdown passes: the coordinates map is the bench's, not the reader's.
  settle();
  const rssAfter = process.memoryUsage().rss;
  const v4PublicCheck = publicCheck ? measure(v4, publicCheck, passes) : undefined;
  const v4TimeZone = timeZone ? measure(v4, timeZone, passes) : undefined;

  const result: GeoChildResult = {
    impl,
    fingerprints: { v4: fingerprint(v4), v6: fingerprint(v6) },
    loadMs,
    rssBefore,
    rssAfterLoad,
    rssAfter,
    v4: v4Result,
    v6: v6Result,
    ...(v4Raw ? { v4Raw } : {}),
    ...(v4PublicCheck ? { v4PublicCheck } : {}),
    ...(v4TimeZone ? { v4TimeZone } : {}),
    v4Countries,
  };
  writeFileSync(out, JSON.stringify(result));
}

await main();
