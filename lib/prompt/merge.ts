/**
 * Merge rules: how the user's answers and enriched observations combine with the custom
 * attributes Authgear already holds. Pure (no I/O, `now` is an argument, inputs never mutated).
 *
 * - A user's answer always wins, recorded as source "user" (or "confirmed" when they accepted
 *   a suggestion). A value the user gave or confirmed is never overwritten by enrichment.
 * - `fill` questions get an enriched value written when the attribute is empty, or when the
 *   current value came from enrichment and the new observation is newer (a refresh).
 * - `confirm` questions are written the same way, but stay unconfirmed: each one written is also
 *   returned as a suggestion, and the prompt offers it as a one-tap question ("Are you in London?")
 *   until the user confirms or changes it (the planner reads that from provenance).
 * - A value of unknown origin (no provenance, or provenance describing another value: set in the
 *   Portal, by a hook, before Gradual) is treated like the user's own: never overwritten.
 * - Attributes the catalog does not ask about pass through untouched. Clearing (null or "")
 *   removes the key, and is remembered: enrichment will not refill what the user cleared.
 *
 * The result's `attributes` is the WHOLE object to send (Authgear replaces custom attributes as
 * a whole, contract §3.4/§5.3).
 */
import type { AttributeValue, EnrichmentField, EnrichmentMode, Provenance } from "@/lib/domain";
import { enrichedAttributeValue, pickBest, type EnrichedValue } from "@/lib/enrichment/types";

/** The little merge needs of a catalog question; any catalog question fits. */
export interface MergeQuestion {
  readonly attribute: string;
  readonly enrichment?: { readonly field: EnrichmentField; readonly mode: EnrichmentMode };
}

export const USER_SOURCE = "user";
export const CONFIRMED_SOURCE = "confirmed";

export interface UserAnswer {
  /** null (or "") clears the attribute. */
  value: AttributeValue | null;
  /** The user tapped "Yes" on a suggestion. */
  confirmed?: boolean;
}

export interface MergeInput {
  questions: readonly MergeQuestion[];
  /** The user's current custom attributes, as Authgear returned them. */
  attributes: Readonly<Record<string, unknown>>;
  /** The stored provenance per attribute. */
  provenance: Readonly<Record<string, Provenance | undefined>>;
  /** Validated answers, by attribute. */
  answers?: Readonly<Record<string, UserAnswer | undefined>>;
  /** Observations from enrichment; the best per field is used. */
  enriched?: readonly EnrichedValue[];
  now: Date;
  /** Optional check of an enriched value against the attribute's rule; false skips it. */
  accepts?: (attribute: string, value: AttributeValue) => boolean;
}

export interface Suggestion {
  attribute: string;
  field: EnrichmentField;
  value: AttributeValue;
  source: string;
  confidence: number;
  observedAt: string;
}

export interface MergeResult {
  /** The whole new custom-attributes object to write. */
  attributes: Record<string, unknown>;
  /** New provenance records, by attribute (only those that changed). */
  provenance: Record<string, Provenance>;
  /** Attributes whose value differs from before, in catalog order. */
  changed: string[];
  /** Enriched values written to `confirm` questions in this merge: to offer for confirmation. */
  suggestions: Suggestion[];
  /** Answers for attributes the catalog does not ask about: not written. */
  ignoredAnswers: string[];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function time(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

type Origin = "empty" | "cleared-by-user" | "user" | "enrichment" | "unknown";

/** Who stands behind the attribute's current value. */
function originOf(current: unknown, record: Provenance | undefined): Origin {
  if (isEmpty(current)) return record?.confirmed && record.value === undefined ? "cleared-by-user" : "empty";
  if (!record || (record.value !== undefined && record.value !== current)) return "unknown";
  if (record.confirmed || record.source === USER_SOURCE || record.source === CONFIRMED_SOURCE) return "user";
  // A record without `value` (written before values were recorded) is taken at its word.
  return "enrichment";
}

export function mergeProfile(input: MergeInput): MergeResult {
  const attributes: Record<string, unknown> = { ...input.attributes };
  const provenance: Record<string, Provenance> = {};
  const changed: string[] = [];
  const suggestions: Suggestion[] = [];
  const answers = input.answers ?? {};
  const best = pickBest(input.enriched ?? []);
  const at = input.now.toISOString();

  const questions = new Map<string, MergeQuestion>();
  for (const q of input.questions) if (!questions.has(q.attribute)) questions.set(q.attribute, q);

  const ignoredAnswers = Object.keys(answers).filter((a) => answers[a] !== undefined && !questions.has(a));

  for (const [attribute, question] of questions) {
    const before = input.attributes[attribute];
    const answer = Object.hasOwn(answers, attribute) ? answers[attribute] : undefined;

    if (answer) {
      if (isEmpty(answer.value)) {
        delete attributes[attribute];
        if (!isEmpty(before)) changed.push(attribute);
        provenance[attribute] = { source: USER_SOURCE, confidence: 1, at, confirmed: true };
      } else {
        const value = answer.value as AttributeValue;
        attributes[attribute] = value;
        if (before !== value) changed.push(attribute);
        provenance[attribute] = { source: answer.confirmed ? CONFIRMED_SOURCE : USER_SOURCE, confidence: 1, at, confirmed: true, value };
      }
      continue;
    }

    const enrichment = question.enrichment;
    const observation = enrichment ? best[enrichment.field] : undefined;
    if (!enrichment || !observation) continue;
    const value = enrichedAttributeValue(observation);
    if (isEmpty(value) || (input.accepts && !input.accepts(attribute, value))) continue;

    const record = input.provenance[attribute];
    const origin = originOf(before, record);

    const refresh = origin === "enrichment" && record !== undefined && time(observation.observedAt) > time(record.at);
    if (origin === "empty" || refresh) {
      attributes[attribute] = value;
      if (before !== value) changed.push(attribute);
      provenance[attribute] = { source: observation.source, confidence: observation.confidence, at: observation.observedAt, confirmed: false, value };
      if (enrichment.mode === "confirm") {
        suggestions.push({
          attribute,
          field: enrichment.field,
          value,
          source: observation.source,
          confidence: observation.confidence,
          observedAt: observation.observedAt,
        });
      }
    }
  }

  return { attributes, provenance, changed, suggestions, ignoredAnswers };
}
