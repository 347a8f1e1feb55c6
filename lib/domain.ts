/**
 * The kit's domain types, each defined here once (isomorphic: types and constants only). The
 * catalog, the merge rules, the planner, enrichment, the account view and the Server Actions speak
 * them; the state store (lib/db) maps its rows into them.
 */

/** A custom attribute's value as Gradual reads and writes it (Authgear's string, number, enum, … types). */
export type AttributeValue = string | number;

/**
 * A provider field's name (lib/enrichment/types.ts, the provider API): any snake_case name a
 * provider declares (ENRICHMENT_FIELD_PATTERN); the shared vocabulary is lib/enrichment/fields.ts.
 */
export type { EnrichmentField } from "@/lib/enrichment/types";

/**
 * The prompt's consent item ("May we fill in your work details from public business sources?"):
 * asked like a question, in the prompt's list of questions and in its history, under a name no
 * attribute can have (Authgear's attribute names never start with "@").
 */
export const CONSENT_QUESTION = "@consent";
export type ConsentQuestion = typeof CONSENT_QUESTION;

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
   * A value the user confirmed (`source` "confirmed"): the provider whose suggestion they confirmed,
   * e.g. "work-email". Absent for the user's own answers and for records from before issue 17.
   */
  suggestedBy?: string;
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
