/**
 * Gradual's enrichment providers: where this app learns what it does not ask (ADR 005,
 * docs/enrichment-providers.md). Listed in priority order (on a tie in confidence the earlier one
 * wins); ENRICHMENT_PROVIDERS picks and orders them by name, or turns enrichment off ("none").
 * Environment variables only carry keys and switches (.env.example).
 *
 * Server only: app/gradual.server.ts passes it to createGradual.
 */
import { defineEnrichment, locationProviders } from "@gradual/kit/enrichment";

export const enrichment = defineEnrichment((env) => [
  // client, authgear-context, ipgeolocation (only with IPGEOLOCATION_API_KEY), geoip.
  ...locationProviders(env),
]);
