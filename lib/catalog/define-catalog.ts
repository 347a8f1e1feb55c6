/**
 * `defineProfileCatalog()`: checks a question catalog when it is defined (module load), so a bad
 * catalog fails the first render, action and every test instead of a user's prompt, and builds it
 * (catalog.ts). Authgear's own rules (names, types, enum values, limits, access control) are not
 * restated here: each question is turned into the attribute entry Authgear would get and checked
 * with `customAttributeConfigSchema`.
 *
 * Browser builds get define-catalog.browser.ts instead (package.json's `#kit/define-catalog` import maps it there):
 * the same catalog without this check, whose schemas would otherwise be most of the zod the prompt
 * loads. The server imports the same catalog file through this module, so no catalog reaches a
 * browser unchecked (ADR 004).
 */
import {
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
} from "zod/mini";
import type { $ZodIssue } from "zod/v4/core";
import { customAttributeConfigSchema } from "@/lib/authgear/config";
import { ACCESS_LEVELS, CUSTOM_ATTRIBUTE_TYPES, attributeNameProblem, attributeValueSchema, type CustomAttributeType } from "@/lib/authgear/custom-attributes";
import { ENRICHMENT_MODES } from "@/lib/domain";
import { FIELDS as SHARED_FIELDS } from "@/lib/enrichment/fields";
import { ENRICHMENT_FIELD_PATTERN, type EnrichmentFieldSpec, type EnrichmentFieldType } from "@/lib/enrichment/types";
import { LOCALES, localeChain } from "@/lib/i18n/locales";
import {
  CONFIRM_VALUE_PLACEHOLDER,
  MAX_PER_LOGIN,
  MAX_VISIT_REST_HOURS,
  ProfileCatalogError,
  conditionAttributes,
  isCanonicalLocale,
  normalizeProfileCatalog,
  questionAttributeConfig,
  questionRule,
  type LocalizedText,
  type ProfileCatalog,
  type ProfileCatalogInput,
  type Question,
  type QuestionInput,
} from "./catalog";

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
  confirm: optional(localizedTextSchema),
  minimum: optional(finite),
  maximum: optional(finite),
  options: optional(array(strictObject({ value: string(), label: localizedTextSchema }))),
  priority: finite,
  when: optional(
    strictObject({
      known: optional(array(string())),
      equals: optional(record(string(), union([string(), finite]))),
      enriched: optional(record(string(), array(string()))),
    }),
  ),
  enrichment: optional(
    strictObject({
      field: string().check(regex(ENRICHMENT_FIELD_PATTERN, { error: "must be a provider field name: snake_case, e.g. job_title" })),
      mode: zEnum(ENRICHMENT_MODES),
      map: optional(record(string(), string())),
    }),
  ),
  accessControl: optional(strictObject({ end_user: zEnum(ACCESS_LEVELS), bearer: zEnum(ACCESS_LEVELS), portal_ui: zEnum(ACCESS_LEVELS) })),
  authgearId: optional(string().check(minLength(1, { error: "must not be empty" }))),
  autoComplete: optional(string().check(regex(/^[a-z][a-z0-9 -]*$/, { error: "must be an HTML autocomplete token, e.g. organization-title" }))),
});

/** The catalog's shape; defaults are applied afterwards, by normalizeProfileCatalog(). */
const catalogSchema = strictObject({
  perLogin: optional(
    int({ error: `must be a whole number from 1 to ${MAX_PER_LOGIN}` }).check(
      minimum(1, { error: `must be from 1 to ${MAX_PER_LOGIN}` }),
      maximum(MAX_PER_LOGIN, { error: `must be from 1 to ${MAX_PER_LOGIN}` }),
    ),
  ),
  visitRestHours: optional(
    number({ error: `must be a number of hours from 1 to ${MAX_VISIT_REST_HOURS}` }).check(
      refine((h) => Number.isFinite(h) && h >= 1 && h <= MAX_VISIT_REST_HOURS, {
        error: `must be a number of hours from 1 to ${MAX_VISIT_REST_HOURS} (a year)`,
      }),
    ),
  ),
  cooldownDays: optional(
    array(finite.check(refine((n) => n > 0, { error: "must be more than 0 days" }))).check(
      minLength(1, { error: "needs at least one entry" }),
      refine((days) => days.every((d, i) => i === 0 || d >= (days[i - 1] as number)), {
        error: "must not shrink from one skip to the next",
      }),
    ),
  ),
  defaultLocale: optional(string().check(refine(isCanonicalLocale, { error: 'must be a canonical locale tag, e.g. "en"' }))),
  thirdPartyConsent: optional(strictObject({ question: optional(localizedTextSchema), purpose: optional(localizedTextSchema) })),
  questions: array(questionSchema).check(minLength(1, { error: "needs at least one question" })),
});

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

/** What the check knows about the app: the locales it ships, and every tag a text may be keyed by. */
interface LocaleContext {
  readonly locales: readonly string[];
  /** The tags of every shipped locale's fallback chain (zh-HK ships zh-HK, zh-Hant and zh). */
  readonly reachable: ReadonlySet<string>;
}

function localeContext(locales: readonly string[], defaultLocale: string): LocaleContext {
  return { locales, reachable: new Set(locales.flatMap((locale) => localeChain(locale, defaultLocale))) };
}

function localizedTextProblems(text: LocalizedText | undefined, field: string, defaultLocale: string, context: LocaleContext): string[] {
  if (text === undefined || typeof text === "string") return [];
  const problems = Object.hasOwn(text, defaultLocale) ? [] : [`${field} has no "${defaultLocale}" text (the default locale)`];
  for (const key of Object.keys(text)) {
    // A text no user can ever get is a mistake (a typo, a locale the app dropped, "de-CH" where "de" is shipped).
    if (isCanonicalLocale(key) && !context.reachable.has(key)) {
      problems.push(`${field} has a "${key}" text, but the app ships ${context.locales.join(", ")}`);
    }
  }
  return problems;
}

/** Why a `confirm` text cannot name the guess: it must hold `{value}` exactly once, in every locale. */
function confirmProblems(text: LocalizedText): string[] {
  const entries = typeof text === "string" ? [["", text] as const] : Object.entries(text);
  return entries.flatMap(([locale, sentence]) => {
    const count = sentence.split(CONFIRM_VALUE_PLACEHOLDER).length - 1;
    if (count === 1) return [];
    const where = locale ? `confirm's "${locale}" text` : "confirm";
    return [`${where} must contain ${CONFIRM_VALUE_PLACEHOLDER} exactly once (where the guess goes), not ${count} times`];
  });
}

/** The question types a provider value of each field type can fill (merge.ts turns integers into numbers, a list into its first entry). */
const FILLS: Readonly<Record<EnrichmentFieldType, readonly CustomAttributeType[]>> = {
  text: ["string", "enum"],
  url: ["url", "string"],
  country: ["alpha2", "string"],
  timezone: ["string"],
  languages: ["string"],
  integer: ["integer", "number"],
  enum: ["enum", "string"],
};

/** Why a question cannot take its suggestion from `enrichment.field` as written. */
function enrichmentProblems(q: Question, enrichment: NonNullable<Question["enrichment"]>, fields: FieldSpecs): string[] {
  const problems: string[] = [];
  const spec = Object.hasOwn(fields, enrichment.field) ? fields[enrichment.field] : undefined;
  if (spec && !FILLS[spec.type].includes(q.type)) {
    problems.push(`enrichment field "${enrichment.field}" gives ${spec.type} values, which a ${q.type} attribute cannot hold (it fills ${FILLS[spec.type].join(" or ")})`);
  }
  if (enrichment.map === undefined) return problems;
  if (q.type !== "enum") {
    problems.push(`enrichment.map applies only to an enum question (it maps provider values onto options), not ${q.type}`);
    return problems;
  }
  const options = (q.options ?? []).map((o) => o.value);
  const seen = new Map<string, { key: string; target: string }>();
  for (const [key, target] of Object.entries(enrichment.map)) {
    const normalized = key.trim().toLowerCase();
    if (normalized === "") {
      problems.push(`enrichment.map has an empty key ${JSON.stringify(key)}; keys are provider values`);
      continue;
    }
    if (!options.includes(target)) {
      problems.push(`enrichment.map[${JSON.stringify(key)}] is ${JSON.stringify(target)}, which is not one of the options (${options.join(", ")})`);
    }
    const earlier = seen.get(normalized);
    if (earlier && earlier.target !== target) {
      problems.push(
        `enrichment.map[${JSON.stringify(key)}] and [${JSON.stringify(earlier.key)}] are the same provider value (compared trimmed, case-insensitively) but name different options`,
      );
    } else if (!earlier) seen.set(normalized, { key, target });
  }
  return problems;
}

/** Why a `when.enriched` condition is wrong: a malformed field name, no value, a value the field never holds. */
function enrichedConditionProblems(enriched: Readonly<Record<string, readonly string[]>>, fields: FieldSpecs): string[] {
  const problems: string[] = [];
  for (const [field, values] of Object.entries(enriched)) {
    if (!ENRICHMENT_FIELD_PATTERN.test(field)) {
      problems.push(`when.enriched names ${JSON.stringify(field)}, which is not a provider field name (snake_case, e.g. email_type)`);
      continue;
    }
    if (values.length === 0) problems.push(`when.enriched.${field} lists no value, so it could never hold`);
    if (new Set(values).size !== values.length) problems.push(`when.enriched.${field} lists a value twice`);
    const spec = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (spec?.type === "enum" && spec.values) {
      for (const value of values) {
        if (!spec.values.includes(value)) problems.push(`when.enriched.${field} lists ${JSON.stringify(value)}, which ${field} never holds (${spec.values.join(", ")})`);
      }
    }
  }
  return problems;
}

function questionProblems(q: Question, catalog: ProfileCatalog, index: number, context: LocaleContext, fields: FieldSpecs): string[] {
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
    ["confirm", q.confirm],
    ...(q.options ?? []).map((o, i) => [`options[${i}].label`, o.label] as const),
  ] as const) {
    for (const p of localizedTextProblems(text, field, catalog.defaultLocale, context)) say(p);
  }
  if (q.confirm !== undefined) {
    for (const p of confirmProblems(q.confirm)) say(p);
    if (q.enrichment?.mode !== "confirm") say('confirm applies only to a question whose enrichment is offered to confirm (enrichment.mode "confirm")');
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

  if (q.enrichment) for (const p of enrichmentProblems(q, q.enrichment, fields)) say(p);

  if (q.when) {
    const known = q.when.known ?? [];
    const equals = q.when.equals ?? {};
    const enriched = q.when.enriched ?? {};
    if (known.length === 0 && Object.keys(equals).length === 0 && Object.keys(enriched).length === 0) {
      say("when names no attribute or field; remove it or add known/equals/enriched");
    }
    for (const p of enrichedConditionProblems(enriched, fields)) say(p);
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

function cycleProblems(questions: readonly Question[]): string[] {
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

function catalogProblems(catalog: ProfileCatalog, locales: readonly string[], fields: FieldSpecs): string[] {
  const problems: string[] = [];
  if (!locales.includes(catalog.defaultLocale)) {
    problems.push(`defaultLocale: "${catalog.defaultLocale}" is not one of the locales the app ships (${locales.join(", ")})`);
  }
  const context = localeContext(locales, catalog.defaultLocale);
  for (const [name, text] of [
    ["question", catalog.thirdPartyConsent?.question],
    ["purpose", catalog.thirdPartyConsent?.purpose],
  ] as const) {
    for (const p of localizedTextProblems(text, name, catalog.defaultLocale, context)) problems.push(`thirdPartyConsent: ${p}`);
  }
  const firstIndex = new Map<string, number>();
  const firstId = new Map<string, number>();
  const enrichmentField = new Map<string, number>();
  catalog.questions.forEach((q, i) => {
    const seen = firstIndex.get(q.attribute);
    if (seen !== undefined) problems.push(`${describeQuestion(q, i)}: attribute "${q.attribute}" is already used by questions[${seen}]`);
    else firstIndex.set(q.attribute, i);
    const id = q.authgearId; // normalized: the attribute's name when the input had none
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
    problems.push(...questionProblems(q, catalog, i, context, fields));
  });
  problems.push(...cycleProblems(catalog.questions));
  return problems;
}

export interface DefineProfileCatalogOptions {
  /**
   * The locales the app ships messages for (default: the kit's, lib/i18n/locales.ts `LOCALES`).
   * `defaultLocale` must be one of them, and every text must be keyed by a tag of one of their
   * fallback chains (`zh-Hant` for `zh-HK`); a text for another locale is refused.
   */
  readonly locales?: readonly string[];
  /**
   * The provider fields whose value types the check knows (default: the shared vocabulary,
   * lib/enrichment/fields.ts): a question taking its suggestion from one of them must be of a type
   * that can hold its values, and `when.enriched` may list only values an enum field holds. A field
   * not named here (a custom provider's) is taken on trust.
   */
  readonly fields?: FieldSpecs;
}

type FieldSpecs = Readonly<Record<string, EnrichmentFieldSpec>>;


/**
 * Checks and builds a question catalog: defaults applied, copied, frozen. Throws a
 * `ProfileCatalogError` listing every problem, each naming its question, e.g.
 * `question "team_size" (questions[2]): minimum (5) is greater than maximum (1)` or
 * `question "company" (questions[1]): label has a "fr" text, but the app ships en, de, ja, zh-HK, ar`.
 */
export function defineProfileCatalog<const Q extends readonly QuestionInput[]>(
  input: ProfileCatalogInput<Q>,
  { locales = LOCALES, fields = SHARED_FIELDS }: DefineProfileCatalogOptions = {},
): ProfileCatalog<Q[number]["attribute"]> {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new ProfileCatalogError(zodProblems(input, parsed.error.issues));
  const catalog = normalizeProfileCatalog(input);
  const problems = catalogProblems(catalog, locales, fields);
  if (problems.length > 0) throw new ProfileCatalogError(problems);
  return catalog;
}
