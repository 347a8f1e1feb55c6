/**
 * The providers this server runs, chosen by the environment (ENRICHMENT_PROVIDERS, and
 * IPGEOLOCATION_API_KEY for the remote one; lib/env.server.ts), in priority order. The composition
 * root (lib/server/services.server.ts) builds one set per process and settings, so the remote
 * provider's cache and the geo database are shared by every request.
 */
import "server-only";
import { createAuthgearContextProvider } from "./authgear-context";
import { createClientProvider } from "./client";
import type { EnrichmentSettings } from "@/lib/env.server";
import { createGeoipProvider, defaultGeoipDir, loadGeoip } from "./geoip.server";
import { createIpgeolocationProvider } from "./ipgeolocation.server";
import type { EnrichmentProvider, ProviderName } from "./types";

type Logger = Pick<Console, "warn">;

function build(name: ProviderName, env: EnrichmentSettings, log: Logger): EnrichmentProvider | null {
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
export function buildEnrichmentProviders(env: EnrichmentSettings, log: Logger = console): EnrichmentProvider[] {
  return env.ENRICHMENT_PROVIDERS.map((name) => build(name, env, log)).filter((p): p is EnrichmentProvider => p !== null);
}

/** Loads the geo database ahead of the first request, when the settings use it. */
export async function warmProviders(env: EnrichmentSettings): Promise<void> {
  if (env.ENRICHMENT_PROVIDERS.includes("geoip")) await loadGeoip(env.GEOIP_DB_DIR ?? defaultGeoipDir());
}
