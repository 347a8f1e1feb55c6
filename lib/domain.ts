/**
 * The kit's domain types, each defined here once (isomorphic: types and constants only). The
 * catalog, the merge rules, the planner, enrichment, the account view and the Server Actions speak
 * them; the state store (lib/db) maps its rows into them.
 */

/** A custom attribute's value as Gradual reads and writes it (Authgear's string, number, enum, … types). */
export type AttributeValue = string | number;

/**
 * What a provider can learn. Values: city/region free text, country ISO 3166-1 alpha-2, timezone an
 * IANA zone name, languages a BCP 47 list, most preferred first.
 */
export const ENRICHMENT_FIELDS = ["city", "region", "country", "timezone", "languages"] as const;
export type EnrichmentField = (typeof ENRICHMENT_FIELDS)[number];

/** What enrichment may offer for a catalog question (ADR 005): one value each (languages is a list no attribute holds). */
export const QUESTION_ENRICHMENT_FIELDS = ["city", "region", "country", "timezone"] as const satisfies readonly EnrichmentField[];
export type QuestionEnrichmentField = (typeof QUESTION_ENRICHMENT_FIELDS)[number];

/** `fill`: written without asking when the attribute is empty. `confirm`: offered as the answer, the user confirms. */
export const ENRICHMENT_MODES = ["fill", "confirm"] as const;
export type EnrichmentMode = (typeof ENRICHMENT_MODES)[number];

/** Where an attribute's value came from (the state store keeps one per user and attribute). */
export interface Provenance {
  /** "user", "confirmed", or the name of the enrichment provider. */
  source: string;
  confidence: number;
  /** ISO 8601: when the user answered, or when the provider observed the value. */
  at: string;
  /** The user gave or confirmed this value (or deliberately cleared the attribute). */
  confirmed: boolean;
  /**
   * The value this record describes. When the attribute no longer holds it, somebody else changed
   * it and the record no longer speaks for it. Absent for a deliberate clear (or a record from
   * before migration 002).
   */
  value?: AttributeValue;
}

/** One attribute's question history for one user. */
export interface QuestionState {
  attribute: string;
  shownCount: number;
  lastShownAt: number | null;
  answeredAt: number | null;
  skipCount: number;
  lastSkippedAt: number | null;
  /** "Don't ask again"; null after the user undid it. */
  declinedAt: number | null;
}

/** What the prompt of one visit showed and how it ended. Times are epoch ms. */
export interface LoginPrompt {
  /** The visit's key (lib/prompt/planner.ts `visitKey`). */
  loginKey: string;
  /** The attributes it showed, in order. */
  attributes: readonly string[];
  shownAt: number;
  /** The user submitted it (answered or skipped every question). */
  finishedAt: number | null;
  /** The user closed it without finishing. */
  dismissedAt: number | null;
}

export type QuestionOutcome = "answered" | "skipped" | "declined";
