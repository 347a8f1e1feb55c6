/**
 * Merge rules: how the user's answers and enriched observations combine with the custom
 * attributes Authgear already holds. Pure (no I/O, `now` is an argument, inputs never mutated).
 *
 * - A user's answer always wins, recorded as source "user" (or "confirmed" when they accepted
 *   a suggestion, with `suggestedBy` naming the provider whose suggestion it was). A value the
 *   user gave or confirmed is never overwritten by enrichment.
 * - A question takes the best observation of its `enrichment.field`, turned into the attribute's
 *   value by `questionValue` (a `map` onto enum options, integers for number questions, …); a value
 *   the question cannot take suggests nothing.
 * - `fill` questions get the value written when the attribute is empty, or when the current value
 *   came from enrichment and the new observation is newer (a refresh).
 * - `confirm` questions whose field may be prefilled (`EnrichedValue.prefill`: the location fields)
 *   are written the same way but stay unconfirmed: each one written is also returned as a
 *   suggestion, and the prompt offers it as a one-tap question ("Are you in London?") until the
 *   user confirms or changes it (the planner reads that from provenance).
 * - Other `confirm` questions are NOT written: the value is returned as a *held* suggestion while
 *   the attribute is empty; the prompt offers it ("Is your company Acme Robotics?") and Authgear
 *   gets it only when the user confirms it.
 * - A value of unknown origin (no provenance, or provenance describing another value: set in the
 *   Portal, by a hook, before Gradual) is treated like the user's own: never overwritten.
 * - Attributes the catalog does not ask about pass through untouched. Clearing (null or "")
 *   removes the key, and is remembered: enrichment will not refill what the user cleared.
 *
 * The result's `attributes` is the WHOLE object to send (Authgear replaces custom attributes as
 * a whole, contract §3.4/§5.3).
 */
import type { CustomAttributeType } from "@/lib/authgear/custom-attributes";
import type { AttributeValue, EnrichmentField, EnrichmentMode, Provenance } from "@/lib/domain";
import { pickBest, type EnrichedValue, type EnrichmentFieldValue } from "@/lib/enrichment/types";

/** The little merge needs of a catalog question; any catalog question fits. */
export interface MergeQuestion {
  readonly attribute: string;
  /** The attribute's type: a number question takes numbers, an enum question only its options. Default string. */
  readonly type?: CustomAttributeType;
  readonly options?: readonly { readonly value: string }[];
  readonly enrichment?: { readonly field: EnrichmentField; readonly mode: EnrichmentMode; readonly map?: Readonly<Record<string, string>> };
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
  /**
   * Not written to Authgear: Gradual keeps it (with the provider's run) and the prompt offers it;
   * Authgear gets it when the user confirms. False: written unconfirmed (a prefilled field).
   */
  held: boolean;
}

export interface MergeResult {
  /** The whole new custom-attributes object to write. */
  attributes: Record<string, unknown>;
  /** New provenance records, by attribute (only those that changed). */
  provenance: Record<string, Provenance>;
  /** Attributes whose value differs from before, in catalog order. */
  changed: string[];
  /** Enriched values for `confirm` questions, written unconfirmed or held: to offer for confirmation. */
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

/** Provider values are compared with a map's keys trimmed and case-insensitively. */
function mapKey(value: string): string {
  return value.trim().toLowerCase();
}

/** A number as written in text ("42", "-3", "2.5"), or null. */
function numeric(text: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * The attribute value an observation stands for in this question, or null when it suggests
 * nothing here: a language list gives its first tag; with a `map`, the option it names (an
 * unmapped value gives null); an enum question without a map takes only a value that is itself an
 * option; an integer question takes whole numbers, a number question any number (numeric text
 * too); other questions take text (a number written as text). The attribute's own rule (`accepts`)
 * is checked after this.
 */
export function questionValue(question: MergeQuestion, value: EnrichmentFieldValue): AttributeValue | null {
  const raw = typeof value === "string" || typeof value === "number" ? value : value[0];
  if (raw === undefined || raw === "") return null;
  const map = question.enrichment?.map;
  if (map) {
    const key = mapKey(String(raw));
    for (const [from, to] of Object.entries(map)) if (mapKey(from) === key) return to;
    return null;
  }
  switch (question.type) {
    case "enum":
      return typeof raw === "string" && (question.options ?? []).some((o) => o.value === raw) ? raw : null;
    case "integer":
    case "number": {
      const n = typeof raw === "number" ? raw : numeric(raw);
      if (n === null || !Number.isFinite(n)) return null;
      return question.type === "integer" && !Number.isSafeInteger(n) ? null : n;
    }
    default:
      return typeof raw === "number" ? String(raw) : raw;
  }
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

  /** The value enrichment offers this question now (checked against its rule), with its observation. */
  const offered = (attribute: string, question: MergeQuestion) => {
    const observation = question.enrichment ? best[question.enrichment.field] : undefined;
    if (!observation) return null;
    const value = questionValue(question, observation.value);
    if (value === null || isEmpty(value) || (input.accepts && !input.accepts(attribute, value))) return null;
    return { observation, value };
  };

  /** The provider whose suggestion the user confirmed: the unconfirmed value written before, else the one offered now. */
  const suggestedBy = (attribute: string, question: MergeQuestion, value: AttributeValue): string | undefined => {
    const before = input.attributes[attribute];
    const record = input.provenance[attribute];
    if (record && before === value && originOf(before, record) === "enrichment") return record.source;
    const now = offered(attribute, question);
    return now && now.value === value ? now.observation.source : undefined;
  };

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
        const by = answer.confirmed ? suggestedBy(attribute, question, value) : undefined;
        provenance[attribute] = {
          source: answer.confirmed ? CONFIRMED_SOURCE : USER_SOURCE,
          confidence: 1,
          at,
          confirmed: true,
          value,
          ...(by === undefined ? {} : { suggestedBy: by }),
        };
      }
      continue;
    }

    const enrichment = question.enrichment;
    const found = offered(attribute, question);
    if (!enrichment || !found) continue;
    const { observation, value } = found;

    const record = input.provenance[attribute];
    const origin = originOf(before, record);
    const suggestion = (held: boolean): Suggestion => ({
      attribute,
      field: enrichment.field,
      value,
      source: observation.source,
      confidence: observation.confidence,
      observedAt: observation.observedAt,
      held,
    });

    if (enrichment.mode === "confirm" && observation.prefill !== true) {
      // Held: never written before the user confirms it; offered while the attribute is empty.
      if (origin === "empty") suggestions.push(suggestion(true));
      continue;
    }

    const refresh = origin === "enrichment" && record !== undefined && time(observation.observedAt) > time(record.at);
    if (origin === "empty" || refresh) {
      attributes[attribute] = value;
      if (before !== value) changed.push(attribute);
      provenance[attribute] = { source: observation.source, confidence: observation.confidence, at: observation.observedAt, confirmed: false, value };
      if (enrichment.mode === "confirm") suggestions.push(suggestion(false));
    }
  }

  return { attributes, provenance, changed, suggestions, ignoredAnswers };
}
