/**
 * The providers this server runs, chosen by the environment (ENRICHMENT_PROVIDERS, and
 * IPGEOLOCATION_API_KEY for the remote one), in priority order, one set per process (so the
 * remote provider's cache and the geo database are shared by every request).
 */
import "server-only";
import { createAuthgearContextProvider } from "./authgear-context";
import { createClientProvider } from "./client";
import { enrich, type EnrichmentResult } from "./enrich";
import { enrichmentEnv, type EnrichmentEnv, type ProviderName } from "./env.server";
import { createGeoipProvider, defaultGeoipDir, loadGeoip } from "./geoip.server";
import { createIpgeolocationProvider } from "./ipgeolocation.server";
import type { EnrichmentInput, EnrichmentProvider } from "./types";

type Logger = Pick<Console, "warn">;

function build(name: ProviderName, env: EnrichmentEnv, log: Logger): EnrichmentProvider | null {
  switch (name) {
    case "client":
      return createClientProvider();
    case "authgear-context":
      return createAuthgearContextProvider();
    case "geoip":
      return createGeoipProvider({ dir: env.GEOIP_DB_DIR ?? defaultGeoipDir(), log });
    case "ipgeolocation":
      if (!env.IPGEOLOCATION_API_KEY) return null;
      return createIpgeolocationProvider({
        apiKey: env.IPGEOLOCATION_API_KEY,
        baseUrl: env.IPGEOLOCATION_BASE_URL,
        timeoutMs: env.IPGEOLOCATION_TIMEOUT_MS,
      });
  }
}

/** The enabled providers, in the order ENRICHMENT_PROVIDERS lists them. */
export function buildEnrichmentProviders(env: EnrichmentEnv, log: Logger = console): EnrichmentProvider[] {
  return env.ENRICHMENT_PROVIDERS.map((name) => build(name, env, log)).filter((p): p is EnrichmentProvider => p !== null);
}

let providers: EnrichmentProvider[] | undefined;
export function enrichmentProviders(): EnrichmentProvider[] {
  providers ??= buildEnrichmentProviders(enrichmentEnv());
  return providers;
}

/** Runs this server's providers within ENRICHMENT_BUDGET_MS. Never throws. */
export function enrichWithServerProviders(input: EnrichmentInput, options: { now: Date; signal?: AbortSignal }): Promise<EnrichmentResult> {
  return enrich(enrichmentProviders(), input, { budgetMs: enrichmentEnv().ENRICHMENT_BUDGET_MS, ...options });
}

/** Loads the geo database ahead of the first request (e.g. from instrumentation.ts). */
export async function warmEnrichment(): Promise<void> {
  const env = enrichmentEnv();
  if (env.ENRICHMENT_PROVIDERS.includes("geoip")) await loadGeoip(env.GEOIP_DB_DIR ?? defaultGeoipDir());
}
