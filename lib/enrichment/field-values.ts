/**
 * The checks of a provider's values against its declared field specs (types.ts explains each type):
 * what the runner (enrich.ts) and the provider contract test (testing.ts) apply to every answer.
 * Isomorphic and free of zod; URLs are judged by Authgear's own `uri` rule (lib/authgear/url-rule.ts),
 * so a value that reaches a `url` attribute is one Authgear accepts.
 */
import { authgearUrlProblem } from "@/lib/authgear/url-rule";
import { ENRICHMENT_FIELD_PATTERN, type EnrichmentFieldSpec, type EnrichmentFieldType, type EnrichmentFieldValue } from "./types";
import { canonicalCountry, canonicalLanguageTag, canonicalTimeZone } from "./values";

export const FIELD_TYPES = ["text", "url", "country", "timezone", "languages", "integer", "enum"] as const satisfies readonly EnrichmentFieldType[];

export const MAX_TEXT_LENGTH = 200;
export const MAX_URL_LENGTH = 2048;
export const MAX_LANGUAGES = 10;

export type FieldValueCheck = { ok: true; value: EnrichmentFieldValue } | { ok: false; why: string };

// C0 and C1 controls, DEL, and the line/paragraph separators: never part of a value a person reads.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const fail = (why: string): FieldValueCheck => ({ ok: false, why });

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : `a ${typeof value}`;
}

function text(value: unknown): FieldValueCheck {
  if (typeof value !== "string") return fail(`expected text, got ${describe(value)}`);
  const trimmed = value.trim();
  if (trimmed.length === 0) return fail("empty text");
  if (trimmed.length > MAX_TEXT_LENGTH) return fail(`text longer than ${MAX_TEXT_LENGTH} characters`);
  if (CONTROL.test(trimmed)) return fail("text with control characters");
  if (/[<>]/.test(trimmed)) return fail("text with markup (< or >)");
  return { ok: true, value: trimmed };
}

function url(value: unknown): FieldValueCheck {
  if (typeof value !== "string") return fail(`expected a URL, got ${describe(value)}`);
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return fail(`a URL must be 1 to ${MAX_URL_LENGTH} characters`);
  if (!/^https?:\/\//i.test(trimmed)) return fail("a URL must start with https:// or http://");
  const problem = authgearUrlProblem(trimmed);
  if (problem) return fail(`a URL Authgear refuses (${problem})`);
  return { ok: true, value: trimmed };
}

function languages(value: unknown): FieldValueCheck {
  if (!Array.isArray(value)) return fail(`expected a list of language tags, got ${describe(value)}`);
  if (value.length === 0) return fail("an empty list of languages");
  if (value.length > MAX_LANGUAGES) return fail(`more than ${MAX_LANGUAGES} languages`);
  const out: string[] = [];
  for (const tag of value as unknown[]) {
    const canonical = canonicalLanguageTag(tag);
    if (!canonical) return fail(`${typeof tag === "string" ? `"${tag.slice(0, 40)}"` : describe(tag)} is not a BCP 47 language tag`);
    if (!out.includes(canonical)) out.push(canonical);
  }
  return { ok: true, value: out };
}

function integer(spec: EnrichmentFieldSpec, value: unknown): FieldValueCheck {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return fail(`expected a whole number, got ${typeof value === "number" ? String(value) : describe(value)}`);
  if (spec.minimum !== undefined && value < spec.minimum) return fail(`${value} is below the minimum ${spec.minimum}`);
  if (spec.maximum !== undefined && value > spec.maximum) return fail(`${value} is above the maximum ${spec.maximum}`);
  return { ok: true, value };
}

/** The value in its canonical form, or why the spec refuses it. */
export function checkFieldValueWithReason(spec: EnrichmentFieldSpec, value: unknown): FieldValueCheck {
  switch (spec.type) {
    case "text":
      return text(value);
    case "url":
      return url(value);
    case "country": {
      if (typeof value !== "string") return fail(`expected an ISO 3166-1 alpha-2 country code, got ${describe(value)}`);
      const code = canonicalCountry(value);
      return code ? { ok: true, value: code } : fail(`"${value.slice(0, 40)}" is not an ISO 3166-1 alpha-2 country code`);
    }
    case "timezone": {
      if (typeof value !== "string") return fail(`expected an IANA time zone, got ${describe(value)}`);
      const zone = canonicalTimeZone(value.trim());
      return zone ? { ok: true, value: zone } : fail(`"${value.slice(0, 64)}" is not an IANA time zone`);
    }
    case "languages":
      return languages(value);
    case "integer":
      return integer(spec, value);
    case "enum": {
      if (typeof value !== "string") return fail(`expected one of the field's values, got ${describe(value)}`);
      return (spec.values ?? []).includes(value) ? { ok: true, value } : fail(`"${value.slice(0, 40)}" is not one of ${(spec.values ?? []).join(", ")}`);
    }
    default:
      return fail(`the field's type "${String((spec as { type: unknown }).type)}" is unknown`);
  }
}

/** The canonical value (trimmed text, upper-case country, canonical language tags, ...), or null when the spec refuses it. */
export function checkFieldValue(spec: EnrichmentFieldSpec, value: unknown): EnrichmentFieldValue | null {
  const checked = checkFieldValueWithReason(spec, value);
  return checked.ok ? checked.value : null;
}

/** What is wrong with a field's declaration (its name and spec), or null when it is well-formed. */
export function fieldSpecProblem(name: string, spec: unknown): string | null {
  if (!ENRICHMENT_FIELD_PATTERN.test(name)) return `field name "${name}" must be snake_case (${String(ENRICHMENT_FIELD_PATTERN)})`;
  if (typeof spec !== "object" || spec === null) return `field "${name}" has no spec object`;
  const s = spec as Record<string, unknown>;
  if (!(FIELD_TYPES as readonly unknown[]).includes(s.type)) return `field "${name}" has type ${JSON.stringify(s.type)}, not one of ${FIELD_TYPES.join(", ")}`;
  if (s.prefill !== undefined && typeof s.prefill !== "boolean") return `field "${name}": prefill must be true or false`;
  if (s.type === "enum") {
    if (!Array.isArray(s.values) || s.values.length === 0 || !s.values.every((v) => typeof v === "string" && v !== "")) {
      return `field "${name}" (enum) must list its values as non-empty strings`;
    }
  } else if (s.values !== undefined) return `field "${name}": values are for enum fields only`;
  if (s.type === "integer") {
    for (const bound of ["minimum", "maximum"] as const) {
      if (s[bound] !== undefined && !Number.isSafeInteger(s[bound])) return `field "${name}": ${bound} must be a whole number`;
    }
    if (typeof s.minimum === "number" && typeof s.maximum === "number" && s.minimum > s.maximum) return `field "${name}": minimum is above maximum`;
  } else if (s.minimum !== undefined || s.maximum !== undefined) return `field "${name}": minimum and maximum are for integer fields only`;
  return null;
}
