/**
 * Everything a form needs about a question, derived from the catalog and Authgear's value rules:
 * the answer schema (the same on client and server), form-field descriptors, parsing a raw form
 * string into the typed value, and the country list.
 *
 * Nothing here restates a validation rule: values are checked by `attributeValueSchema` from
 * lib/authgear/custom-attributes.ts with the question's limits and options.
 * Isomorphic: zod, Intl and the catalog only.
 */
import { optional, pipe, refine, regexes, strictObject, string, unknown, type ZodMiniType } from "zod/mini";
import { attributeValueSchema } from "@/lib/authgear/custom-attributes";
import { ISO_3166_1_ALPHA_2 } from "@/lib/authgear/iso3166";
import { localize, questionRule, type ProfileCatalog, type Question } from "./catalog";
import type { AttributeValue } from "@/lib/domain";
import { validationParams } from "./validation-issues";


/**
 * The longest text answer Gradual accepts, in UTF-16 code units (JavaScript string length).
 * Authgear itself sets no length limit on string custom attributes (authgear-server
 * pkg/lib/config/user_profile.go: `type: string` and nothing else), so
 * this is the app's own limit, enforced here and only here: every answer (prompt, profile page,
 * enrichment, webhook) goes through `answerSchema`. Long enough for any job title, company or
 * address; short enough that a 100 kB paste is refused before anything is sent to Authgear.
 */
export const MAX_TEXT_ANSWER_LENGTH = 1000;

const withinLength = unknown().check(
  refine((v) => typeof v !== "string" || v.length <= MAX_TEXT_ANSWER_LENGTH, {
    error: `Must be at most ${MAX_TEXT_ANSWER_LENGTH} characters`,
    abort: true,
    params: validationParams("tooLong", { max: MAX_TEXT_ANSWER_LENGTH }),
  }),
);

/**
 * Where the app is deliberately stricter than Authgear, by type: each rule runs after Authgear's
 * own (attributeValueSchema), says in its message what it asks for, and is listed in ADR 002 and
 * the conformance suite (lib/authgear/conformance). The emulator never uses these: it judges as
 * Authgear does.
 * - string: not empty (Authgear stores ""; an answer of nothing is "not answered" here).
 * - email: a plain address as people type it, name@example.com (zod's email pattern), not the
 *   forms Go's mail parser also takes: `<a@b.example>`, quoted local parts, domain literals,
 *   groups, no dot in the domain, spaces after the `@`.
 * - url: http or https only (Authgear takes any scheme with a host, e.g. `javascript://x/`, which
 *   the profile page and /admin must never turn into a link).
 */
export const APP_RULES: Partial<Record<Question["type"], ZodMiniType<string>>> = {
  string: string().check(refine((v) => v.length > 0, { error: "Must not be empty", params: validationParams("notEmpty") })),
  // zod's own email pattern, as its email() check uses it.
  email: string().check(
    refine((v) => regexes.email.test(v), {
      error: "Must be one plain email address such as name@example.com, without a name, brackets or quotes",
      params: validationParams("emailPlain"),
    }),
  ),
  url: string().check(
    refine((v) => /^https?:\/\//i.test(v), { error: "Must be a web address starting with https:// or http://", params: validationParams("urlScheme") }),
  ),
};

/**
 * The zod schema of one answer: the app's length limit (checked first, so a huge string never
 * reaches a parser), then Authgear's rule for the attribute with the question's limits/options,
 * then the app's own stricter rule for the type, if any (APP_RULES).
 */
export function answerSchema(question: Question): ZodMiniType<AttributeValue> {
  const authgear = pipe(withinLength, attributeValueSchema(questionRule(question)));
  const app = APP_RULES[question.type];
  return app ? pipe(authgear, app as unknown as ZodMiniType<AttributeValue, AttributeValue>) : authgear;
}

/**
 * The schema of a prompt's answers: an object whose keys are the offered attributes, each optional
 * (a question may be left blank). Unknown keys, including `__proto__` and `constructor`, are refused.
 * Throws when `attributes` names something the catalog does not ask for (a programming error).
 */
export function answersSchema<A extends string>(
  catalog: ProfileCatalog<A>,
  attributes: readonly A[],
): ZodMiniType<Partial<Record<A, AttributeValue>>> {
  const shape = Object.create(null) as Record<string, ZodMiniType<AttributeValue | undefined>>;
  for (const attribute of attributes) {
    const question = catalog.questions.find((q) => q.attribute === attribute);
    if (!question) throw new Error(`answersSchema: "${attribute}" is not a question of the catalog`);
    shape[attribute] = optional(answerSchema(question));
  }
  return strictObject({ ...shape }) as unknown as ZodMiniType<Partial<Record<A, AttributeValue>>>;
}

export const FORM_CONTROLS = ["text", "number", "select", "radio", "country", "email", "url", "tel"] as const;
export type FormControl = (typeof FORM_CONTROLS)[number];

/** Enums with at most this many options are radio buttons; more become a select. */
export const MAX_RADIO_OPTIONS = 4;

export interface FormOption {
  value: string;
  label: string;
}

/** What a form needs to render one question, in one locale. */
export interface FormField {
  /** The input's name: the attribute. */
  name: string;
  control: FormControl;
  /** The HTML `inputmode` hint, for free-typed controls. */
  inputMode?: "text" | "numeric" | "decimal" | "email" | "url" | "tel";
  /** The HTML `autocomplete` token. */
  autoComplete: string;
  label: string;
  help?: string;
  placeholder?: string;
  /** Why we ask. */
  purpose: string;
  /** The question's own one-tap sentence for a guess, with `{value}` (confirmSentence, catalog.ts). */
  confirm?: string;
  /** For select, radio and country. */
  options?: FormOption[];
  min?: number;
  max?: number;
  /** For number controls: 1 for integers, "any" for numbers. */
  step?: number | "any";
}

function enrichmentAutoComplete(question: Question): string | undefined {
  switch (question.enrichment?.field) {
    case "city":
      return "address-level2";
    case "region":
      return "address-level1";
    case "country":
      return "country";
    default:
      return undefined;
  }
}

/** The form field for a question in `locale` (texts fall back to the catalog's default locale). */
export function formField(question: Question, locale: string, defaultLocale = "en"): FormField {
  const text = (t: Question["label"]) => localize(t, locale, defaultLocale);
  const field: FormField = {
    name: question.attribute,
    control: "text",
    autoComplete: question.autoComplete ?? enrichmentAutoComplete(question) ?? "on",
    label: text(question.label),
    purpose: text(question.purpose),
  };
  if (question.help !== undefined) field.help = text(question.help);
  if (question.placeholder !== undefined) field.placeholder = text(question.placeholder);
  if (question.confirm !== undefined) field.confirm = text(question.confirm);
  // A minus sign is missing from numeric mobile keyboards: offer them only when negatives are impossible.
  const nonNegative = question.minimum !== undefined && question.minimum >= 0;
  switch (question.type) {
    case "string":
      field.inputMode = "text";
      break;
    case "integer":
    case "number":
      field.control = "number";
      field.inputMode = nonNegative ? (question.type === "integer" ? "numeric" : "decimal") : "text";
      field.step = question.type === "integer" ? 1 : "any";
      if (question.minimum !== undefined) field.min = question.minimum;
      if (question.maximum !== undefined) field.max = question.maximum;
      if (question.autoComplete === undefined) field.autoComplete = "off";
      break;
    case "enum": {
      const options = (question.options ?? []).map((o) => ({ value: o.value, label: text(o.label) }));
      field.control = options.length <= MAX_RADIO_OPTIONS ? "radio" : "select";
      field.options = options;
      if (question.autoComplete === undefined) field.autoComplete = "off";
      break;
    }
    case "alpha2":
      field.control = "country";
      field.options = countryOptions(locale);
      if (question.autoComplete === undefined) field.autoComplete = "country";
      break;
    case "phone_number":
      field.control = "tel";
      field.inputMode = "tel";
      if (question.autoComplete === undefined) field.autoComplete = "tel";
      break;
    case "email":
      field.control = "email";
      field.inputMode = "email";
      if (question.autoComplete === undefined) field.autoComplete = "email";
      break;
    case "url":
      field.control = "url";
      field.inputMode = "url";
      if (question.autoComplete === undefined) field.autoComplete = "url";
      break;
  }
  return field;
}

/** A plain decimal number: optional sign, digits, optional fraction. No exponent, hex, separators or spaces. */
const STRICT_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Turns what a form field holds into the value the answer schema checks:
 * trims it; "" (or only spaces) is undefined (not answered); numbers are parsed strictly and
 * anything else is passed on as text so the schema refuses it with its own message;
 * phone numbers lose the spaces, dashes, dots and brackets people type between digits.
 */
export function parseFormValue(question: Pick<Question, "type">, raw: string): AttributeValue | undefined {
  const value = raw.trim();
  if (value === "") return undefined;
  switch (question.type) {
    case "number":
    case "integer":
      return STRICT_DECIMAL.test(value) ? Number(value) : value;
    case "phone_number":
      return value.replace(/[\s\-.()]/g, "");
    default:
      return value;
  }
}

const countryCache = new Map<string, FormOption[]>();

/** Every ISO 3166-1 alpha-2 country, named in `locale` (English when Intl does not know it), sorted by name. */
export function countryOptions(locale: string): FormOption[] {
  let tag = "en";
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    // malformed locale: English names
  }
  const cached = countryCache.get(tag);
  if (cached) return cached.map((o) => ({ ...o }));
  const names = new Intl.DisplayNames([tag, "en"], { type: "region", fallback: "code" });
  const collator = new Intl.Collator([tag, "en"]);
  const options = [...ISO_3166_1_ALPHA_2]
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label) || a.value.localeCompare(b.value));
  countryCache.set(tag, options);
  return options.map((o) => ({ ...o }));
}
