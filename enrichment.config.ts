/**
 * Gradual's enrichment providers: where this app learns what it does not ask (ADR 005,
 * docs/enrichment-providers.md). Listed in priority order (on a tie in confidence the earlier one
 * wins); ENRICHMENT_PROVIDERS picks and orders them by name, or turns enrichment off ("none").
 * Environment variables only carry keys and switches (.env.example).
 *
 * Server only: app/gradual.server.ts passes it to createGradual.
 */
import { defineEnrichment, fullContactProviders, locationProviders, peopleDataLabsProviders, workEmailProvider } from "@gradual/kit/enrichment";

export const enrichment = defineEnrichment((env) => [
  // client, authgear-context, ipgeolocation (only with IPGEOLOCATION_API_KEY), geoip.
  ...locationProviders(env),
  // work, free or disposable address, its domain, and for a work address the company's website and a name guess (offline lists).
  workEmailProvider(),
  // Third parties, each off unless switched on: FULLCONTACT=on, PEOPLE_DATA_LABS=on (the local stand-ins without a key in development).
  ...fullContactProviders(env),
  ...peopleDataLabsProviders(env),
]);
