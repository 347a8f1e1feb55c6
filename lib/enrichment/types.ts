/**
 * Enrichment: facts about a user that Gradual can learn without asking (where they are, which
 * time zone and languages they use), each with a confidence and the provider it came from.
 * Isomorphic, and free of zod: the browser loads this module (through merge.ts, for the profile page),
 * so the schema that checks providers' answers lives with the runner (enrich.ts).
 */

import type { EnrichmentField } from "@/lib/domain";

/** What a provider can learn (`EnrichmentField`, lib/domain.ts), each field's value type. */
export interface EnrichmentFieldValues {
  city: string;
  region: string;
  country: string;
  timezone: string;
  languages: string[];
}

/** One observation of one field by one provider. */
export type EnrichedValue<F extends EnrichmentField = EnrichmentField> = {
  [K in F]: {
    field: K;
    value: EnrichmentFieldValues[K];
    /** 0..1: how likely the value is right for this user. */
    confidence: number;
    /** The provider's name. */
    source: string;
    /** ISO 8601 time of the observation. */
    observedAt: string;
  };
}[F];

/** What providers look at. Every part is optional; a provider uses what it understands. */
export interface EnrichmentInput {
  /** The client's public IP address (see client-ip.server.ts), never stored. */
  ip?: string | null;
  /** Sent by the browser (see collectClientHints); untrusted until parsed. */
  clientHints?: { timeZone?: string; languages?: readonly string[] } | null;
  /** From an Authgear hook event's `context`. */
  hookContext?: { geo_location_code?: string | null; preferred_languages?: readonly string[] | null } | null;
}

export interface ProviderContext {
  /** Aborted when the provider's own budget or the overall budget runs out. */
  signal: AbortSignal;
  now: Date;
}

export interface EnrichmentProvider {
  readonly name: string;
  readonly fields: readonly EnrichmentField[];
  /** How long this provider may take; the runner also applies the overall budget. */
  readonly timeBudgetMs: number;
  lookup(input: EnrichmentInput, context: ProviderContext): Promise<EnrichedValue[]>;
}

export type BestValues = { [K in EnrichmentField]?: EnrichedValue<K> };

/**
 * The best value per field: highest confidence; on a tie, the value that comes first
 * (providers are listed in priority order, so earlier means preferred).
 */
export function pickBest(values: readonly EnrichedValue[]): BestValues {
  const best: Partial<Record<EnrichmentField, EnrichedValue>> = {};
  for (const value of values) {
    const current = best[value.field];
    if (!current || value.confidence > current.confidence) best[value.field] = value;
  }
  return best as BestValues;
}

/**
 * The custom-attribute value an observation stands for: strings as they are, a language list
 * as its first (most preferred) tag, since an attribute holds one string or number.
 */
export function enrichedAttributeValue(value: EnrichedValue): string {
  return value.field === "languages" ? (value.value[0] ?? "") : value.value;
}

/** The enrichment providers a server can run (ENRICHMENT_PROVIDERS, lib/env.server.ts), in their default priority order. */
export const PROVIDER_NAMES = ["client", "authgear-context", "ipgeolocation", "geoip"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
