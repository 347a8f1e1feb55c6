/**
 * The shared field vocabulary (contract §1, ADR 005): the fields several providers may fill, each
 * with the type of value it holds. A provider declares what it fills with `pickFields(...)`, so two
 * providers of one field agree on its type; a custom provider may declare fields of its own.
 * Isomorphic, free of zod.
 */
import type { EnrichmentFieldSpec } from "./types";

/** Email address kinds the work-email provider tells apart (`email_type`). */
export const EMAIL_TYPES = ["work", "free", "disposable"] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const FIELDS = {
  // Location: a confirm guess may be written before it is confirmed (the sign-up hook gives a new
  // user their city, ADR 005).
  city: { type: "text", prefill: true },
  region: { type: "text", prefill: true },
  country: { type: "country", prefill: true },
  timezone: { type: "timezone", prefill: true },
  languages: { type: "languages", prefill: true },
  // Work email (offline lists).
  email_type: { type: "enum", values: EMAIL_TYPES },
  /** The registrable domain, lower case, in its ASCII (punycode) form. */
  email_domain: { type: "text" },
  // Company and person (work email's guesses, FullContact, People Data Labs).
  company_website: { type: "url" },
  company_name: { type: "text" },
  /** The service's own words; a catalog maps them onto its options. */
  company_industry: { type: "text" },
  /** Employees; a range such as "51-200" becomes its midpoint, rounded (each provider says so). */
  company_size: { type: "integer", minimum: 1, maximum: 10_000_000 },
  /** The year it was founded. */
  company_founded: { type: "integer", minimum: 1000, maximum: 2100 },
  full_name: { type: "text" },
  job_title: { type: "text" },
  /** Always with https:// (People Data Labs gives none; the provider adds it). */
  linkedin_url: { type: "url" },
} as const satisfies Record<string, EnrichmentFieldSpec>;

export type SharedField = keyof typeof FIELDS;

/** The shared specs of these fields, for a provider's `fields`: `fields: pickFields("company_name", "company_website")`. */
export function pickFields<K extends SharedField>(...names: readonly K[]): { readonly [P in K]: (typeof FIELDS)[P] } {
  const out: Partial<Record<K, EnrichmentFieldSpec>> = {};
  for (const name of names) {
    if (!Object.hasOwn(FIELDS, name)) throw new Error(`pickFields: "${name}" is not a shared field (${Object.keys(FIELDS).join(", ")})`);
    out[name] = FIELDS[name];
  }
  return out as { readonly [P in K]: (typeof FIELDS)[P] };
}
