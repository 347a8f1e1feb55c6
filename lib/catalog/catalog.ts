/**
 * The question catalog: which Authgear custom attributes Gradual asks for, how each is labelled,
 * explained and limited, in which order, under which condition, and how many per login.
 *
 * This module is the catalog's model: its types, defaults and helpers, without zod, since every
 * prompt loads it in the browser. `defineProfileCatalog()` (define-catalog.ts) checks a catalog
 * when it is defined and builds it with `normalizeProfileCatalog()` from here (ADR 004).
 *
 * Isomorphic: client components import it too.
 */
import type { CustomAttributeConfig } from "@/lib/authgear/config";
import type { AccessControl, AttributeRule, CustomAttributeType } from "@/lib/authgear/custom-attributes";
import type { EnrichmentField, EnrichmentMode } from "@/lib/domain";
import { localeChain } from "@/lib/i18n/locales";

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A plain string, or one string per locale (`{ en: "Company", de: "Firma" }`). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * Which provider field a question takes its suggestion from (ADR 005), and how (lib/domain.ts).
 * - `field`: any provider field name (ENRICHMENT_FIELD_PATTERN), e.g. "job_title", "company_industry".
 * - `map` (enum questions only): provider value → one of the question's option values. Provider
 *   values are compared trimmed and case-insensitively; a value the map does not name suggests
 *   nothing. An enum question without a map takes only a provider value that is itself an option.
 */
export interface QuestionEnrichment {
  readonly field: EnrichmentField;
  readonly mode: EnrichmentMode;
  readonly map?: Readonly<Record<string, string>>;
}

/**
 * When a question may be asked, judged on the user's current attributes and what enrichment knows
 * about them. All parts must hold.
 * - `known`: each named attribute has a value (not absent, null or "").
 * - `equals`: each named attribute has exactly this value.
 * - `enriched`: each named provider field's best current value is one of the listed values
 *   (`{ email_type: ["work"] }`); a field with no value does not hold.
 */
export interface QuestionCondition<A extends string = string> {
  readonly known?: readonly A[];
  readonly equals?: Readonly<Partial<Record<A, string | number>>>;
  readonly enriched?: Readonly<Record<EnrichmentField, readonly string[]>>;
}

/**
 * The catalog asks the user before any third-party provider (one that sends their data elsewhere:
 * FullContact, People Data Labs) runs. Both texts are optional; the kit's messages
 * (`prompt.consent*`) say them otherwise.
 */
export interface ThirdPartyConsent {
  /** The consent question, e.g. "May we fill in your work details from public business sources?" */
  readonly question?: LocalizedText;
  /** Why, in one short sentence. */
  readonly purpose?: LocalizedText;
}

export interface QuestionOption {
  /** The stored enum value (Authgear's enum value rule). */
  readonly value: string;
  readonly label: LocalizedText;
}

/** A question as written in profile.config.ts. */
export interface QuestionInput<A extends string = string> {
  /** The custom attribute's name: its pointer without the slash, and the key in every API. */
  readonly attribute: A;
  readonly type: CustomAttributeType;
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly placeholder?: LocalizedText;
  /** Why we ask, in one short sentence the user sees. */
  readonly purpose: LocalizedText;
  /**
   * For a question whose enrichment is offered to confirm (`enrichment.mode: "confirm"`): the
   * one-tap question, with `{value}` (exactly once) where the guess goes, e.g.
   * `{ en: "Are you in {value}?", de: "Sind Sie in {value}?" }`. Plain text, not ICU. Without it
   * the prompt asks its own sentence (the message `prompt.confirmQuestion`).
   */
  readonly confirm?: LocalizedText;
  /** number and integer only. */
  readonly minimum?: number;
  readonly maximum?: number;
  /** enum only: the allowed values and their labels, in display order. */
  readonly options?: readonly QuestionOption[];
  /** Higher is asked first; ties keep catalog order. */
  readonly priority: number;
  readonly when?: QuestionCondition;
  readonly enrichment?: QuestionEnrichment;
  /** Default: end_user readwrite, bearer readonly, portal_ui readwrite. */
  readonly accessControl?: AccessControl;
  /** Authgear's storage id of the attribute. Default: the attribute name. */
  readonly authgearId?: string;
  /** An HTML autocomplete token for the form field; derived from the type when absent. */
  readonly autoComplete?: string;
}

/** A question after `defineProfileCatalog()`: defaults applied, validated, frozen. */
export interface Question<A extends string = string> extends Omit<QuestionInput<A>, "accessControl" | "authgearId" | "when"> {
  readonly accessControl: AccessControl;
  readonly authgearId: string;
  readonly when?: QuestionCondition<A>;
}

export interface ProfileCatalogInput<Q extends readonly QuestionInput[] = readonly QuestionInput[]> {
  /** Questions per visit (the name predates visits: it caps each visit's prompt), 1 to 3. Default 2. */
  readonly perLogin?: number;
  /**
   * Hours after a prompt was shown before a user who is still signed in (same `auth_time`) is on a
   * new visit and may get the next prompt; a new sign-in is a new visit at once. 1 to 8760. Default 20.
   */
  readonly visitRestHours?: number;
  /** Days a skipped question rests: the n-th skip uses entry n (1-based), later skips the last entry. Default [1, 7, 30]. */
  readonly cooldownDays?: readonly number[];
  /** The locale every localized text must have, and the fallback. Default "en". */
  readonly defaultLocale?: string;
  /** Present: third-party providers run only after the user said yes (the prompt asks, /profile withdraws). */
  readonly thirdPartyConsent?: ThirdPartyConsent;
  /** In the order Authgear lists the attributes (the generated config keeps it). */
  readonly questions: Q;
}

export interface ProfileCatalog<A extends string = string> {
  /** Questions per visit. */
  readonly perLogin: number;
  readonly visitRestHours: number;
  readonly cooldownDays: readonly number[];
  readonly defaultLocale: string;
  readonly thirdPartyConsent?: ThirdPartyConsent;
  readonly questions: readonly Question<A>[];
}

/**
 * The attribute names of a catalog, as a literal union.
 * @public for the kit's catalog entry point (issue 15): an app types its own code with it; nothing here needs it.
 */
export type CatalogAttribute<C extends ProfileCatalog> = C["questions"][number]["attribute"];

export const DEFAULT_PER_LOGIN = 2;
export const MAX_PER_LOGIN = 3;
export const DEFAULT_VISIT_REST_HOURS = 20;
/** A year: a longer rest would make a signed-in user a one-visit user in all but name. */
export const MAX_VISIT_REST_HOURS = 8760;
export const DEFAULT_COOLDOWN_DAYS: readonly number[] = [1, 7, 30];
export const DEFAULT_LOCALE = "en";
/** Gradual's default: the user may edit it, tokens and userinfo show it, the portal edits it. */
export const DEFAULT_QUESTION_ACCESS_CONTROL: AccessControl = Object.freeze({
  end_user: "readwrite",
  bearer: "readonly",
  portal_ui: "readwrite",
});

// ---------------------------------------------------------------------------------------------
// Helpers shared with schemas, planner and the generated Authgear config
// ---------------------------------------------------------------------------------------------

/** True for a locale tag Intl accepts and that is written in its canonical form ("de-CH", not "de-ch"). */
export function isCanonicalLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag)[0] === tag;
  } catch {
    return false;
  }
}

/**
 * The text for `locale`, looked up along its fallback chain (lib/i18n/locales.ts `localeChain`):
 * the tag itself, its language with its script, its language, then `defaultLocale` the same way
 * (`zh-HK` → `zh-HK`, `zh-Hant`, `zh`, then `en`), then the first entry. Each text of a question
 * is looked up on its own, so a label in `de` and a help only in `en` give the German label and
 * the English help (field by field). Never throws, also for a malformed locale.
 */
export function localize(text: LocalizedText, locale: string, defaultLocale: string = DEFAULT_LOCALE): string {
  if (typeof text === "string") return text;
  for (const key of localeChain(locale, defaultLocale)) {
    if (Object.hasOwn(text, key)) return text[key] as string;
  }
  return Object.values(text)[0] ?? "";
}

/** The placeholder a question's `confirm` sentence names the guess with. */
export const CONFIRM_VALUE_PLACEHOLDER = "{value}";

/** `sentence` (a question's localized `confirm` text) with the guess in place of `{value}`. */
export function confirmSentence(sentence: string, value: string): string {
  return sentence.replace(CONFIRM_VALUE_PLACEHOLDER, () => value);
}

/**
 * `catalog` with every text in `locale` only (`localize` on each, field by field): what a browser
 * needs to ask in that language, without the other languages' texts. The server hands this to the
 * prompt (`getProfileCatalog`), so only the negotiated locale's texts reach the browser (issue 16).
 * The result is plain data (a Server Action can return it) and keeps `defaultLocale`.
 */
export function localizeCatalog<A extends string>(catalog: ProfileCatalog<A>, locale: string): ProfileCatalog<A> {
  const text = (t: LocalizedText) => localize(t, locale, catalog.defaultLocale);
  const questions = catalog.questions.map((q): Question<A> => {
    const out: { -readonly [K in keyof Question<A>]: Question<A>[K] } = { ...q, label: text(q.label), purpose: text(q.purpose) };
    if (q.help !== undefined) out.help = text(q.help);
    if (q.placeholder !== undefined) out.placeholder = text(q.placeholder);
    if (q.confirm !== undefined) out.confirm = text(q.confirm);
    if (q.options !== undefined) out.options = q.options.map((o) => ({ value: o.value, label: text(o.label) }));
    return out;
  });
  const localized: { -readonly [K in keyof ProfileCatalog<A>]: ProfileCatalog<A>[K] } = { ...catalog, questions };
  if (catalog.thirdPartyConsent !== undefined) {
    const consent: { -readonly [K in keyof ThirdPartyConsent]: ThirdPartyConsent[K] } = {};
    if (catalog.thirdPartyConsent.question !== undefined) consent.question = text(catalog.thirdPartyConsent.question);
    if (catalog.thirdPartyConsent.purpose !== undefined) consent.purpose = text(catalog.thirdPartyConsent.purpose);
    localized.thirdPartyConsent = consent;
  }
  return localized;
}

/**
 * True when an attribute counts as not answered: absent (undefined), null, or the empty string.
 * (Authgear omits unset attributes; null and "" are accepted defensively from other sources.)
 */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** The value rule Authgear applies to a question's attribute (type, limits, enum values). */
export function questionRule(question: Pick<QuestionInput, "type" | "minimum" | "maximum" | "options">): AttributeRule {
  const rule: { -readonly [K in keyof AttributeRule]: AttributeRule[K] } = { type: question.type };
  if (question.minimum !== undefined) rule.minimum = question.minimum;
  if (question.maximum !== undefined) rule.maximum = question.maximum;
  if (question.type === "enum" && question.options) rule.enum = question.options.map((o) => o.value);
  return rule;
}

/** The `user_profile.custom_attributes.attributes[]` entry Authgear gets for a question. */
export function questionAttributeConfig(
  question: Pick<QuestionInput, "attribute" | "type" | "minimum" | "maximum" | "options" | "accessControl" | "authgearId">,
): CustomAttributeConfig {
  // Built in the key order Authgear's docs use, so generated YAML reads naturally.
  return {
    id: question.authgearId ?? question.attribute,
    pointer: `/${question.attribute}`,
    type: question.type,
    ...(question.minimum !== undefined ? { minimum: question.minimum } : {}),
    ...(question.maximum !== undefined ? { maximum: question.maximum } : {}),
    ...(question.type === "enum" && question.options ? { enum: question.options.map((o) => o.value) } : {}),
    access_control: { ...(question.accessControl ?? DEFAULT_QUESTION_ACCESS_CONTROL) },
  };
}

/** The question for `attribute`, or undefined when the catalog does not ask for it. */
export function findQuestion<A extends string>(catalog: ProfileCatalog<A>, attribute: string): Question<A> | undefined {
  return catalog.questions.find((q) => q.attribute === attribute);
}

export function isCatalogAttribute<A extends string>(catalog: ProfileCatalog<A>, name: unknown): name is A {
  return typeof name === "string" && catalog.questions.some((q) => q.attribute === name);
}

/** The attributes a condition reads. */
export function conditionAttributes<A extends string>(condition: QuestionCondition<A>): A[] {
  return [...new Set([...(condition.known ?? []), ...(Object.keys(condition.equals ?? {}) as A[])])];
}

// ---------------------------------------------------------------------------------------------
// Definition (the check itself is in define-catalog.ts)
// ---------------------------------------------------------------------------------------------

export class ProfileCatalogError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid profile catalog:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProfileCatalogError";
    this.problems = problems;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function normalizeQuestion(q: QuestionInput): Question {
  const out: { -readonly [K in keyof Question]: Question[K] } = {
    attribute: q.attribute,
    type: q.type,
    label: q.label,
    purpose: q.purpose,
    priority: q.priority,
    accessControl: { ...(q.accessControl ?? DEFAULT_QUESTION_ACCESS_CONTROL) },
    authgearId: q.authgearId ?? q.attribute,
  };
  if (q.help !== undefined) out.help = q.help;
  if (q.placeholder !== undefined) out.placeholder = q.placeholder;
  if (q.confirm !== undefined) out.confirm = q.confirm;
  if (q.minimum !== undefined) out.minimum = q.minimum;
  if (q.maximum !== undefined) out.maximum = q.maximum;
  if (q.options !== undefined) out.options = q.options;
  if (q.when !== undefined) {
    const when: { -readonly [K in keyof QuestionCondition]: QuestionCondition[K] } = {};
    if (q.when.known !== undefined) when.known = q.when.known;
    if (q.when.equals !== undefined) when.equals = q.when.equals;
    if (q.when.enriched !== undefined) when.enriched = q.when.enriched;
    out.when = when;
  }
  if (q.enrichment !== undefined) out.enrichment = q.enrichment;
  if (q.autoComplete !== undefined) out.autoComplete = q.autoComplete;
  return out;
}

/**
 * The catalog `defineProfileCatalog()` returns for `input`: a copy (the caller's objects stay as they
 * were) with the defaults applied, frozen deeply. It checks nothing: call it on input that
 * define-catalog.ts has checked, or that the server has (define-catalog.browser.ts).
 */
export function normalizeProfileCatalog<const Q extends readonly QuestionInput[]>(
  input: ProfileCatalogInput<Q>,
): ProfileCatalog<Q[number]["attribute"]> {
  const copy: ProfileCatalogInput = structuredClone(input);
  const catalog: { -readonly [K in keyof ProfileCatalog]: ProfileCatalog[K] } = {
    perLogin: copy.perLogin === undefined ? DEFAULT_PER_LOGIN : copy.perLogin,
    visitRestHours: copy.visitRestHours === undefined ? DEFAULT_VISIT_REST_HOURS : copy.visitRestHours,
    cooldownDays: copy.cooldownDays === undefined ? [...DEFAULT_COOLDOWN_DAYS] : copy.cooldownDays,
    defaultLocale: copy.defaultLocale === undefined ? DEFAULT_LOCALE : copy.defaultLocale,
    questions: copy.questions.map(normalizeQuestion),
  };
  if (copy.thirdPartyConsent !== undefined) catalog.thirdPartyConsent = copy.thirdPartyConsent;
  return deepFreeze(catalog);
}
