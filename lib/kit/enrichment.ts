import "server-only";
/**
 * `@gradual/kit/enrichment` (server only): the provider API and the app's registration of its
 * providers (docs/enrichment-providers.md, ADR 005).
 *
 *   // enrichment.config.ts, beside profile.config.ts
 *   import { defineEnrichment, locationProviders } from "@gradual/kit/enrichment";
 *   export const enrichment = defineEnrichment((env) => [...locationProviders(env), workEmailProvider(), myCrmProvider()]);
 *
 *   // app/gradual.server.ts
 *   export const gradual = createGradual({ catalog: profileCatalog, enrichment });
 *
 * A provider declares the fields it fills (`pickFields(...)` for the shared ones, or its own names
 * with a spec), its time budget, whether it sends the user's data to a third party, and a `lookup`;
 * the runner checks every answer against the declared specs. Test it with `@gradual/kit/testing`.
 */
export {
  ENRICHMENT_FIELD_PATTERN,
  ENRICHMENT_PHASES,
  PROVIDER_NAME_PATTERN,
  type EnrichedValue,
  type EnrichmentField,
  type EnrichmentFieldSpec,
  type EnrichmentFieldType,
  type EnrichmentFieldValue,
  type EnrichmentInput,
  type EnrichmentPhase,
  type EnrichmentProvider,
  type Observation,
  type ProviderContext,
} from "@/lib/enrichment/types";
export { EMAIL_TYPES, FIELDS, pickFields, type EmailType, type SharedField } from "@/lib/enrichment/fields";
export { checkFieldValue } from "@/lib/enrichment/field-values";
export { defineEnrichment, locationProviders, type EnrichmentConfig, type EnrichmentSettings } from "@/lib/enrichment/config";
export { createClientProvider } from "@/lib/enrichment/client";
export { createAuthgearContextProvider } from "@/lib/enrichment/authgear-context";
export { createGeoipProvider, type GeoipProviderOptions } from "@/lib/enrichment/geoip.server";
export { createIpgeolocationProvider, type IpgeolocationOptions } from "@/lib/enrichment/ipgeolocation.server";
export {
  classifyEmailAddress,
  createWorkEmailProvider,
  createWorkEmailProvider as workEmailProvider,
  DISPOSABLE_EMAIL_LIST,
  FREE_EMAIL_LIST,
  PUBLIC_SUFFIX_LIST,
  type EmailClassification,
  type EmailDomainList,
} from "@/lib/enrichment/work-email";
export type { EnrichmentRun, RunOutcome } from "@/lib/enrichment/enrich";
// Person and company sources (third parties: built only when FULLCONTACT / PEOPLE_DATA_LABS=on).
export {
  createFullContactCompanyProvider,
  createFullContactPersonProvider,
  fullContactProviders,
  type RemoteProviderOptions,
} from "@/lib/enrichment/fullcontact.server";
export { createPdlCompanyProvider, createPdlPersonProvider, peopleDataLabsProviders } from "@/lib/enrichment/people-data-labs.server";
