/**
 * The question catalog: which Authgear custom attributes Gradual asks for, how each is labelled,
 * explained and limited, in which order, under which condition, and how many per login.
 *
 * `defineProfileCatalog()` validates the whole catalog when it is defined (module load), so a bad
 * catalog fails the build and every test instead of a user's prompt. Authgear's own rules (names,
 * types, enum values, limits, access control) are not restated here: each question is turned into
 * the attribute entry Authgear would get and checked with `customAttributeConfigSchema`.
 *
 * Isomorphic: zod and lib/authgear only; client components import it too.
 */
import {
  _default,
  array,
  enum as zEnum,
  int,
  maximum,
  minLength,
  minimum,
  number,
  optional,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  union,
  type output,
} from "zod/mini";
import type { $ZodIssue } from "zod/v4/core";
import { customAttributeConfigSchema, type CustomAttributeConfig } from "@/lib/authgear/config";
import {
  ACCESS_LEVELS,
  CUSTOM_ATTRIBUTE_TYPES,
  attributeNameProblem,
  attributeValueSchema,
  type AccessControl,
  type AttributeRule,
  type CustomAttributeType,
} from "@/lib/authgear/custom-attributes";

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A plain string, or one string per locale (`{ en: "Company", de: "Firma" }`). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** What the offline enrichment (ADR 005) can derive from a request, and may offer for a question. */
export const ENRICHMENT_FIELDS = ["city", "region", "country", "timezone"] as const;
export type EnrichmentField = (typeof ENRICHMENT_FIELDS)[number];
/** `fill`: written without asking when the attribute is empty. `confirm`: offered as the answer, the user confirms. */
export const ENRICHMENT_MODES = ["fill", "confirm"] as const;
export type EnrichmentMode = (typeof ENRICHMENT_MODES)[number];
export interface QuestionEnrichment {
  readonly field: EnrichmentField;
  readonly mode: EnrichmentMode;
}

/**
 * When a question may be asked, judged on the user's current attributes. All parts must hold.
 * - `known`: each named attribute has a value (not absent, null or "").
 * - `equals`: each named attribute has exactly this value.
 */
export interface QuestionCondition<A extends string = string> {
  readonly known?: readonly A[];
  readonly equals?: Readonly<Partial<Record<A, string | number>>>;
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
  /** Questions per login, 1 to 3. Default 2. */
  readonly perLogin?: number;
  /** Days a skipped question rests: the n-th skip uses entry n (1-based), later skips the last entry. Default [1, 7, 30]. */
  readonly cooldownDays?: readonly number[];
  /** The locale every localized text must have, and the fallback. Default "en". */
  readonly defaultLocale?: string;
  /** In the order Authgear lists the attributes (the generated config keeps it). */
  readonly questions: Q;
}

export interface ProfileCatalog<A extends string = string> {
  readonly perLogin: number;
  readonly cooldownDays: readonly number[];
  readonly defaultLocale: string;
  readonly questions: readonly Question<A>[];
}

/** The attribute names of a catalog, as a literal union. */
export type CatalogAttribute<C extends ProfileCatalog> = C["questions"][number]["attribute"];

export const DEFAULT_PER_LOGIN = 2;
export const MAX_PER_LOGIN = 3;
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
 * The text for `locale`: the exact locale, then its language ("de" for "de-CH"), then
 * `defaultLocale`, then the first entry. Never throws, also for a malformed locale.
 */
export function localize(text: LocalizedText, locale: string, defaultLocale: string = DEFAULT_LOCALE): string {
  if (typeof text === "string") return text;
  let canonical = locale;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    // keep the raw tag; it simply will not match
  }
  const language = canonical.split("-")[0] ?? canonical;
  for (const key of [canonical, language, defaultLocale, defaultLocale.split("-")[0] ?? defaultLocale]) {
    if (Object.hasOwn(text, key)) return text[key] as string;
  }
  return Object.values(text)[0] ?? "";
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
// Validation
// ---------------------------------------------------------------------------------------------

export class ProfileCatalogError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid profile catalog:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProfileCatalogError";
    this.problems = problems;
  }
}

// zod/mini with named imports: profile.config.ts runs this check in the browser too, and only the
// parts used end up in the prompt's bundle.
const nonEmptyText = string().check(refine((s) => s.trim().length > 0, { error: "must not be empty" }));
const localizedTextSchema = union(
  [
    nonEmptyText,
    record(string(), nonEmptyText).check(
      refine((m) => Object.keys(m).length > 0, { error: "needs at least one locale" }),
      superRefine((m, ctx) => {
        for (const key of Object.keys(m)) {
          if (!isCanonicalLocale(key)) {
            ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a canonical locale tag (e.g. "en", "de", "de-CH")` });
          }
        }
      }),
    ),
  ],
  { error: "must be a non-empty string or a map of locale to string" },
);

const finite = number({ error: "must be a finite number" });

const questionSchema = strictObject({
  attribute: string(),
  type: zEnum(CUSTOM_ATTRIBUTE_TYPES, { error: `must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(", ")}` }),
  label: localizedTextSchema,
  help: optional(localizedTextSchema),
  placeholder: optional(localizedTextSchema),
  purpose: localizedTextSchema,
  minimum: optional(finite),
  maximum: optional(finite),
  options: optional(array(strictObject({ value: string(), label: localizedTextSchema }))),
  priority: finite,
  when: optional(
    strictObject({
      known: optional(array(string())),
      equals: optional(record(string(), union([string(), finite]))),
    }),
  ),
  enrichment: optional(strictObject({ field: zEnum(ENRICHMENT_FIELDS), mode: zEnum(ENRICHMENT_MODES) })),
  accessControl: optional(strictObject({ end_user: zEnum(ACCESS_LEVELS), bearer: zEnum(ACCESS_LEVELS), portal_ui: zEnum(ACCESS_LEVELS) })),
  authgearId: optional(string().check(minLength(1, { error: "must not be empty" }))),
  autoComplete: optional(string().check(regex(/^[a-z][a-z0-9 -]*$/, { error: "must be an HTML autocomplete token, e.g. organization-title" }))),
});

const catalogSchema = strictObject({
  perLogin: _default(
    int({ error: `must be a whole number from 1 to ${MAX_PER_LOGIN}` }).check(
      minimum(1, { error: `must be from 1 to ${MAX_PER_LOGIN}` }),
      maximum(MAX_PER_LOGIN, { error: `must be from 1 to ${MAX_PER_LOGIN}` }),
    ),
    DEFAULT_PER_LOGIN,
  ),
  cooldownDays: _default(
    array(finite.check(refine((n) => n > 0, { error: "must be more than 0 days" }))).check(
      minLength(1, { error: "needs at least one entry" }),
      refine((days) => days.every((d, i) => i === 0 || d >= (days[i - 1] as number)), {
        error: "must not shrink from one skip to the next",
      }),
    ),
    () => [...DEFAULT_COOLDOWN_DAYS],
  ),
  defaultLocale: _default(string().check(refine(isCanonicalLocale, { error: 'must be a canonical locale tag, e.g. "en"' })), DEFAULT_LOCALE),
  questions: array(questionSchema).check(minLength(1, { error: "needs at least one question" })),
});
type ParsedCatalog = output<typeof catalogSchema>;
type ParsedQuestion = ParsedCatalog["questions"][number];

/** Property names every JavaScript object has; as attribute names they would break plain-object maps. */
function isObjectPrototypeName(name: string): boolean {
  return name in Object.prototype;
}

/** Maps the attribute-config field names back to the catalog's names for messages. */
const CONFIG_FIELD_NAMES: Record<string, string> = {
  id: "authgearId",
  pointer: "attribute",
  enum: "options",
  access_control: "accessControl",
};

function describeQuestion(input: unknown, index: number): string {
  const attribute =
    typeof input === "object" && input !== null && typeof (input as { attribute?: unknown }).attribute === "string"
      ? (input as { attribute: string }).attribute
      : undefined;
  return attribute ? `question "${attribute}" (questions[${index}])` : `questions[${index}]`;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

function zodProblems(input: unknown, issues: readonly $ZodIssue[]): string[] {
  const questions =
    typeof input === "object" && input !== null && Array.isArray((input as { questions?: unknown }).questions)
      ? ((input as { questions: unknown[] }).questions)
      : [];
  return issues.map((issue) => {
    const path = issue.path;
    if (path[0] === "questions" && typeof path[1] === "number") {
      const rest = pathText(path.slice(2));
      return `${describeQuestion(questions[path[1]], path[1])}: ${rest ? `${rest}: ` : ""}${issue.message}`;
    }
    const where = pathText(path);
    return `${where ? `${where}: ` : ""}${issue.message}`;
  });
}

function localizedTextProblems(text: LocalizedText | undefined, field: string, defaultLocale: string): string[] {
  if (text === undefined || typeof text === "string") return [];
  return Object.hasOwn(text, defaultLocale) ? [] : [`${field} has no "${defaultLocale}" text (the default locale)`];
}

function questionProblems(q: ParsedQuestion, catalog: ParsedCatalog, index: number): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`${describeQuestion(q, index)}: ${message}`);

  const nameProblem = attributeNameProblem(q.attribute);
  if (nameProblem) say(`attribute ${nameProblem}`);
  else if (isObjectPrototypeName(q.attribute)) say(`attribute "${q.attribute}" is a property of every JavaScript object; choose another name`);

  for (const [field, text] of [
    ["label", q.label],
    ["help", q.help],
    ["placeholder", q.placeholder],
    ["purpose", q.purpose],
    ...(q.options ?? []).map((o, i) => [`options[${i}].label`, o.label] as const),
  ] as const) {
    for (const p of localizedTextProblems(text, field, catalog.defaultLocale)) say(p);
  }

  if (q.options !== undefined && q.type !== "enum") say(`options apply only to type enum, not ${q.type}`);
  if (q.type === "enum" && (q.options === undefined || q.options.length === 0)) say("type enum needs options");
  if (q.minimum !== undefined && q.maximum !== undefined && q.minimum > q.maximum) {
    say(`minimum (${q.minimum}) is greater than maximum (${q.maximum})`);
  }

  // Authgear's own rules, by asking Authgear's config schema about the entry we would generate.
  const generated = customAttributeConfigSchema.safeParse(questionAttributeConfig(q));
  if (!generated.success) {
    for (const issue of generated.error.issues) {
      const field = issue.path[0] === undefined ? "" : (CONFIG_FIELD_NAMES[String(issue.path[0])] ?? String(issue.path[0]));
      if (field === "attribute" && nameProblem) continue; // already said, more clearly
      if (field === "options" && q.type === "enum" && (q.options === undefined || q.options.length === 0)) continue;
      if (field === "type" && issue.message.includes("minimum/maximum")) {
        say(`minimum/maximum apply only to number and integer, not ${q.type}`);
        continue;
      }
      const optionIndex = field === "options" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
      const where =
        optionIndex !== undefined
          ? `options[${optionIndex}].value ${JSON.stringify(q.options?.[optionIndex]?.value)}`
          : pathText([field, ...issue.path.slice(1)]);
      say(`${where}: ${issue.message} (Authgear's rule)`);
    }
  }

  if (q.enrichment) {
    const needs: CustomAttributeType = q.enrichment.field === "country" ? "country_code" : "string";
    if (q.type !== needs) say(`enrichment field "${q.enrichment.field}" fills a ${needs} attribute, not ${q.type}`);
  }

  if (q.when) {
    const known = q.when.known ?? [];
    const equals = q.when.equals ?? {};
    if (known.length === 0 && Object.keys(equals).length === 0) say("when names no attribute; remove it or add known/equals");
    if (new Set(known).size !== known.length) say("when.known lists an attribute twice");
    for (const name of [...known, ...Object.keys(equals)]) {
      if (name === q.attribute) {
        say(`when names the question itself ("${name}"); a question cannot wait for its own answer`);
        continue;
      }
      if (!catalog.questions.some((other) => other.attribute === name)) {
        say(`when names "${name}", which is not an attribute of this catalog`);
      }
    }
    for (const [name, value] of Object.entries(equals)) {
      const target = catalog.questions.find((other) => other.attribute === name);
      if (!target || name === q.attribute) continue;
      const check = attributeValueSchema(questionRule(target)).safeParse(value);
      if (!check.success) {
        say(`when.equals.${name} = ${JSON.stringify(value)} can never match: ${check.error.issues[0]?.message ?? "invalid value"}`);
      }
    }
  }
  return problems;
}

function cycleProblems(questions: readonly ParsedQuestion[]): string[] {
  const edges = new Map<string, string[]>();
  for (const q of questions) edges.set(q.attribute, q.when ? conditionAttributes(q.when).filter((a) => a !== q.attribute) : []);
  const problems: string[] = [];
  const reported = new Set<string>();
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          problems.push(`conditions form a cycle ${cycle.join(" → ")}: none of these questions could ever be asked`);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const q of questions) if (!state.has(q.attribute)) visit(q.attribute);
  return problems;
}

function catalogProblems(catalog: ParsedCatalog): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  const firstId = new Map<string, number>();
  const enrichmentField = new Map<string, number>();
  catalog.questions.forEach((q, i) => {
    const seen = firstIndex.get(q.attribute);
    if (seen !== undefined) problems.push(`${describeQuestion(q, i)}: attribute "${q.attribute}" is already used by questions[${seen}]`);
    else firstIndex.set(q.attribute, i);
    const id = q.authgearId ?? q.attribute;
    const seenId = firstId.get(id);
    if (seenId !== undefined && seen === undefined) {
      problems.push(`${describeQuestion(q, i)}: authgearId "${id}" is already used by questions[${seenId}]`);
    } else if (seenId === undefined) firstId.set(id, i);
    if (q.enrichment) {
      const other = enrichmentField.get(q.enrichment.field);
      if (other !== undefined) {
        problems.push(`${describeQuestion(q, i)}: enrichment field "${q.enrichment.field}" is already used by questions[${other}]`);
      } else enrichmentField.set(q.enrichment.field, i);
    }
    problems.push(...questionProblems(q, catalog, i));
  });
  problems.push(...cycleProblems(catalog.questions));
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function normalizeQuestion(q: ParsedQuestion): Question {
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
  if (q.minimum !== undefined) out.minimum = q.minimum;
  if (q.maximum !== undefined) out.maximum = q.maximum;
  if (q.options !== undefined) out.options = q.options;
  if (q.when !== undefined) {
    const when: { known?: string[]; equals?: Record<string, string | number> } = {};
    if (q.when.known !== undefined) when.known = q.when.known;
    if (q.when.equals !== undefined) when.equals = q.when.equals;
    out.when = when;
  }
  if (q.enrichment !== undefined) out.enrichment = q.enrichment;
  if (q.autoComplete !== undefined) out.autoComplete = q.autoComplete;
  return out;
}

/**
 * Validates and freezes a question catalog. Throws a `ProfileCatalogError` listing every problem,
 * each naming its question, e.g. `question "team_size" (questions[2]): minimum (5) is greater than maximum (1)`.
 */
export function defineProfileCatalog<const Q extends readonly QuestionInput[]>(
  input: ProfileCatalogInput<Q>,
): ProfileCatalog<Q[number]["attribute"]> {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new ProfileCatalogError(zodProblems(input, parsed.error.issues));
  const problems = catalogProblems(parsed.data);
  if (problems.length > 0) throw new ProfileCatalogError(problems);
  const catalog: ProfileCatalog = {
    perLogin: parsed.data.perLogin,
    cooldownDays: parsed.data.cooldownDays,
    defaultLocale: parsed.data.defaultLocale,
    questions: parsed.data.questions.map(normalizeQuestion),
  };
  return deepFreeze(catalog) as ProfileCatalog<Q[number]["attribute"]>;
}
