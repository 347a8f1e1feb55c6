/**
 * The `ipgeolocation` provider: the remote ipgeolocation.io API that Authgear's profile-enrichment
 * guide uses (GET {base}/ipgeo?apiKey=KEY&ip=IP). Off unless IPGEOLOCATION_API_KEY is set.
 * The client's IP is sent to a third party, so it is only for teams that chose that; answers are
 * cached in memory (LRU + TTL) to spare the quota, with the IP as key, never written anywhere.
 * Strict timeout; non-public IPs are never sent.
 */
import "server-only";
import { z } from "zod";
import { pickFields } from "./fields";
import { publicIp } from "./ip-ranges";
import { LruCache } from "./lru-cache";
import { timeZoneAt } from "./time-zone-at";
import type { EnrichedValue, EnrichmentProvider } from "./types";
import { canonicalCountry, canonicalTimeZone } from "./values";

export const IPGEOLOCATION_PROVIDER_NAME = "ipgeolocation";
export const IPGEOLOCATION_DEFAULT_BASE_URL = "https://api.ipgeolocation.io";
export const IPGEOLOCATION_DEFAULT_TIMEOUT_MS = 800;
/** A commercial database, more precise than DB-IP Lite: a little more trust per field. */
export const IPGEOLOCATION_CONFIDENCE = { country: 0.9, timezone: 0.8, region: 0.7, city: 0.6 } as const;

const coordinate = z
  .union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())])
  .nullish()
  .transform((v) => v ?? undefined);
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** The documented response, reduced to the fields used (latitude/longitude come as strings). */
export const ipgeolocationResponseSchema = z.object({
  ip: text,
  country_code2: text,
  state_prov: text,
  city: text,
  latitude: coordinate,
  longitude: coordinate,
  time_zone: z
    .object({ name: text })
    .nullish()
    .transform((v) => v ?? undefined),
});
export type IpgeolocationResponse = z.infer<typeof ipgeolocationResponseSchema>;

interface Location {
  country?: string;
  region?: string;
  city?: string;
  timezone?: string;
  /** When the API said so (ISO 8601): a cached answer keeps its original time. */
  observedAt: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function locationFromResponse(body: IpgeolocationResponse, observedAt: string): Location {
  const location: Location = { observedAt };
  const country = canonicalCountry(body.country_code2);
  const region = nonEmpty(body.state_prov);
  const city = nonEmpty(body.city);
  const timezone = canonicalTimeZone(nonEmpty(body.time_zone?.name)) ?? timeZoneAt(body.latitude, body.longitude);
  if (country) location.country = country;
  if (region) location.region = region;
  if (city) location.city = city;
  if (timezone) location.timezone = timezone;
  return location;
}

function valuesOf(location: Location): EnrichedValue[] {
  const { observedAt } = location;
  const source = IPGEOLOCATION_PROVIDER_NAME;
  const c = IPGEOLOCATION_CONFIDENCE;
  const values: EnrichedValue[] = [];
  if (location.country) values.push({ field: "country", value: location.country, confidence: c.country, source, observedAt });
  if (location.timezone) values.push({ field: "timezone", value: location.timezone, confidence: c.timezone, source, observedAt });
  if (location.region) values.push({ field: "region", value: location.region, confidence: c.region, source, observedAt });
  if (location.city) values.push({ field: "city", value: location.city, confidence: c.city, source, observedAt });
  return values;
}

export interface IpgeolocationOptions {
  apiKey: string;
  /** Default https://api.ipgeolocation.io; tests point it at a local stand-in. */
  baseUrl?: string;
  timeoutMs?: number;
  cache?: { maxEntries?: number; ttlMs?: number };
  /** Clock for the cache, in milliseconds. */
  clock?: () => number;
}

export function createIpgeolocationProvider(options: IpgeolocationOptions): EnrichmentProvider {
  const timeoutMs = options.timeoutMs ?? IPGEOLOCATION_DEFAULT_TIMEOUT_MS;
  const base = options.baseUrl ?? IPGEOLOCATION_DEFAULT_BASE_URL;
  const endpoint = new URL("ipgeo", base.endsWith("/") ? base : `${base}/`);
  const cache = new LruCache<string, Location>({
    maxEntries: options.cache?.maxEntries ?? 5000,
    ttlMs: options.cache?.ttlMs ?? 24 * 60 * 60 * 1000,
    now: options.clock,
  });

  return {
    name: IPGEOLOCATION_PROVIDER_NAME,
    fields: pickFields("country", "timezone", "region", "city"),
    timeBudgetMs: timeoutMs + 50,
    // It sends the IP address to ipgeolocation.io; built only with IPGEOLOCATION_API_KEY.
    thirdParty: true,
    // Not `remote` in the runner's sense: its strict timeout (800 ms by default) fits the sign-up
    // hook's budget, so it runs at sign-up as it always has (ADR 005).
    remote: false,
    description: "Your IP address's location from ipgeolocation.io",
    async lookup(input, { signal, now }) {
      const ip = publicIp(input.ip);
      if (!ip) return [];
      const cached = cache.get(ip);
      if (cached) return valuesOf(cached);

      const url = new URL(endpoint);
      url.searchParams.set("apiKey", options.apiKey);
      url.searchParams.set("ip", ip);
      // Errors below never include the URL: it carries the API key.
      const response = await fetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new Error(`ipgeolocation.io answered HTTP ${response.status}`);
      }
      let json: unknown;
      try {
        json = await response.json();
      } catch (error) {
        if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) throw error;
        throw new Error("ipgeolocation.io answered with a body that is not JSON");
      }
      const parsed = ipgeolocationResponseSchema.safeParse(json);
      if (!parsed.success) throw new Error("ipgeolocation.io answered with an unexpected body");
      const location = locationFromResponse(parsed.data, now.toISOString());
      cache.set(ip, location);
      return valuesOf(location);
    },
  };
}
