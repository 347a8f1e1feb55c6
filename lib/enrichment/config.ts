/**
 * Registering providers (contract §3): the app lists its providers in code, in one module beside
 * profile.config.ts, and the environment only carries keys and switches:
 *
 *   // enrichment.config.ts
 *   import { defineEnrichment, locationProviders, workEmailProvider } from "@gradual/kit/enrichment";
 *   export const enrichment = defineEnrichment((env) => [...locationProviders(env), workEmailProvider()]);
 *
 * then `createGradual({ catalog, enrichment })`. The factory gets the parsed enrichment settings
 * (`env`: ENRICHMENT_*, IPGEOLOCATION_*, FULLCONTACT*, PEOPLE_DATA_LABS*, NODE_ENV) and answers the
 * providers in priority order; ENRICHMENT_PROVIDERS then picks and orders them by name
 * (lib/enrichment/providers.server.ts). Server side: the location providers read files and the network.
 */
import type { EnrichmentSettings } from "@/lib/env.server";
import { createAuthgearContextProvider } from "./authgear-context";
import { createClientProvider } from "./client";
import { createGeoipProvider, defaultGeoipDir } from "./geoip.server";
import { createIpgeolocationProvider } from "./ipgeolocation.server";
import type { EnrichmentProvider } from "./types";

export type { EnrichmentSettings } from "@/lib/env.server";

const CONFIG = Symbol.for("gradual.enrichment.config");

/** An app's providers, as `defineEnrichment` made them (pass it to `createGradual({ enrichment })`). */
export interface EnrichmentConfig {
  readonly [CONFIG]: true;
  /** The providers for these settings, in priority order (built once per process and settings). */
  readonly build: (env: EnrichmentSettings) => readonly EnrichmentProvider[];
}

export function defineEnrichment(build: (env: EnrichmentSettings) => readonly EnrichmentProvider[]): EnrichmentConfig {
  if (typeof build !== "function") throw new TypeError("defineEnrichment((env) => [...providers]) takes a function of the settings");
  return Object.freeze({ [CONFIG]: true as const, build });
}

export function isEnrichmentConfig(value: unknown): value is EnrichmentConfig {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CONFIG] === true;
}

type Logger = Pick<Console, "warn">;

/**
 * The location providers, in their priority order: `client` (the browser's time zone and
 * languages), `authgear-context` (the country and languages Authgear saw), `ipgeolocation` (only
 * when IPGEOLOCATION_API_KEY is set: it sends the IP address to ipgeolocation.io) and `geoip` (the
 * offline DB-IP database, GEOIP_DB_DIR).
 */
export function locationProviders(env: EnrichmentSettings, options: { log?: Logger } = {}): EnrichmentProvider[] {
  const providers: EnrichmentProvider[] = [createClientProvider(), createAuthgearContextProvider()];
  if (env.IPGEOLOCATION_API_KEY) {
    providers.push(
      createIpgeolocationProvider({ apiKey: env.IPGEOLOCATION_API_KEY, baseUrl: env.IPGEOLOCATION_BASE_URL, timeoutMs: env.IPGEOLOCATION_TIMEOUT_MS }),
    );
  }
  providers.push(createGeoipProvider({ dir: env.GEOIP_DB_DIR ?? defaultGeoipDir(), ...(options.log ? { log: options.log } : {}) }));
  return providers;
}

/** What an app without enrichment.config.ts gets: the location providers. */
export const defaultEnrichment: EnrichmentConfig = defineEnrichment((env) => locationProviders(env));
