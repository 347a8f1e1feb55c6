/**
 * The `authgear-context` provider: what Authgear itself tells a hook about the request
 * (contract §5.2): `geo_location_code`, the country Authgear derived from the client's IP
 * (null when unknown), and `preferred_languages`, from ui_locales or Accept-Language.
 * Isomorphic.
 */
import { pickFields } from "./fields";
import type { EnrichedValue, EnrichmentInput, EnrichmentProvider } from "./types";
import { canonicalCountry, canonicalLanguages } from "./values";

export const AUTHGEAR_CONTEXT_PROVIDER_NAME = "authgear-context";
export const AUTHGEAR_CONTEXT_CONFIDENCE = { country: 0.8, languages: 0.85 } as const;

export function authgearContextValues(context: EnrichmentInput["hookContext"], now: Date): EnrichedValue[] {
  if (!context) return [];
  const observedAt = now.toISOString();
  const source = AUTHGEAR_CONTEXT_PROVIDER_NAME;
  const values: EnrichedValue[] = [];
  const country = canonicalCountry(context.geo_location_code);
  if (country) values.push({ field: "country", value: country, confidence: AUTHGEAR_CONTEXT_CONFIDENCE.country, source, observedAt });
  const languages = Array.isArray(context.preferred_languages) ? canonicalLanguages(context.preferred_languages) : [];
  if (languages.length > 0) values.push({ field: "languages", value: languages, confidence: AUTHGEAR_CONTEXT_CONFIDENCE.languages, source, observedAt });
  return values;
}

export function createAuthgearContextProvider(): EnrichmentProvider {
  return {
    name: AUTHGEAR_CONTEXT_PROVIDER_NAME,
    fields: pickFields("country", "languages"),
    timeBudgetMs: 50,
    thirdParty: false,
    description: "The country and languages Authgear saw at sign-in",
    async lookup(input, { now }) {
      return authgearContextValues(input.hookContext, now);
    },
  };
}
