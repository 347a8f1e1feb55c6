/**
 * Authgear custom attributes: names, types, access control and the validation Authgear applies
 * to each value (contract §4, from authgear-server pkg/lib/config/user_profile.go).
 * One implementation serves the app (answer schemas) and the emulator (updateUser validation).
 * Isomorphic: zod only, as zod/mini with named imports, so the browser bundles just the parts used
 * (the prompt's form validates with these schemas; see docs/performance.md).
 */
import "#kit/zod-messages";
import { number, refine, string, superRefine, type ZodMiniType } from "zod/mini";
// Through the package's `imports` (package.json), so browser builds get the .browser.ts variants.
import { formatRules, loadFormatRules } from "#kit/format-rules";
import { ISO_3166_1_ALPHA_2 } from "./iso3166";
import { phoneRule } from "#kit/phone-rule";
import { validationParams, type ValidationIssue } from "@/lib/catalog/validation-issues";

export const CUSTOM_ATTRIBUTE_TYPES = [
  "string",
  "number",
  "integer",
  "enum",
  "phone_number",
  "email",
  "url",
  "alpha2",
] as const;
export type CustomAttributeType = (typeof CUSTOM_ATTRIBUTE_TYPES)[number];

/** Pointer segment rule: `^[a-z][a-z0-9_]*[a-z0-9]$` or a single lowercase letter. */
export const ATTRIBUTE_NAME_PATTERN = /^(?:[a-z]|[a-z][a-z0-9_]*[a-z0-9])$/;

/** JWT and standard OIDC claims that a custom attribute may not be named after. */
export const RESERVED_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  "iss", "sub", "aud", "exp", "nbf", "iat", "jti",
  "email", "email_verified", "phone_number", "phone_number_verified", "preferred_username",
  "family_name", "given_name", "picture", "gender", "birthdate", "zoneinfo", "locale",
  "name", "nickname", "middle_name", "profile", "website", "address", "updated_at",
]);

/** Why `name` cannot be a custom attribute's name, or null when it can. */
export function attributeNameProblem(name: string): string | null {
  if (!ATTRIBUTE_NAME_PATTERN.test(name)) {
    return `"${name}" must match ${ATTRIBUTE_NAME_PATTERN.source} (lowercase letters, digits and underscores, starting with a letter, not ending with an underscore)`;
  }
  if (RESERVED_ATTRIBUTE_NAMES.has(name)) {
    return `"${name}" is a reserved JWT or standard claim name`;
  }
  return null;
}

export const ENUM_VALUE_PATTERN = /^[a-zA-Z0-9_]+$/;


export const ACCESS_LEVELS = ["hidden", "readonly", "readwrite"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export interface AccessControl {
  end_user: AccessLevel;
  bearer: AccessLevel;
  portal_ui: AccessLevel;
}
/** Authgear's default for custom attributes. */
export const DEFAULT_ACCESS_CONTROL: AccessControl = { end_user: "hidden", bearer: "hidden", portal_ui: "readwrite" };

const ALLOWED_ACCESS_COMBINATIONS: ReadonlySet<string> = new Set([
  "hidden,hidden,hidden",
  "hidden,hidden,readonly",
  "hidden,hidden,readwrite",
  "hidden,readonly,readonly",
  "hidden,readonly,readwrite",
  "readonly,readonly,readonly",
  "readonly,readonly,readwrite",
  "readwrite,readonly,readwrite",
]);
export function isAllowedAccessControl(ac: AccessControl): boolean {
  return ALLOWED_ACCESS_COMBINATIONS.has(`${ac.end_user},${ac.bearer},${ac.portal_ui}`);
}
export function accessLevelAtLeast(level: AccessLevel, floor: AccessLevel): boolean {
  return ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(floor);
}

/** The parts of an attribute definition that decide which values are valid. */
export interface AttributeRule {
  type: CustomAttributeType;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
}

/** Why a value is refused: the message key and its values (for the user), and the English sentence (for logs). */
export interface RuleProblem extends ValidationIssue {
  readonly message: string;
}

function bounds(rule: AttributeRule) {
  const { minimum, maximum } = rule;
  return [
    ...(minimum !== undefined ? [refine<number>((v) => v >= minimum, { error: `Must be at least ${minimum}`, params: validationParams("atLeast", { min: minimum }) })] : []),
    ...(maximum !== undefined ? [refine<number>((v) => v <= maximum, { error: `Must be at most ${maximum}`, params: validationParams("atMost", { max: maximum }) })] : []),
  ];
}

/**
 * A string checked by `problem`: null when valid, else why (the rule's module says it, so browsers
 * download the words with the rule: phone-rule.ts, format-rules.ts).
 */
function formatted(problem: (v: string) => RuleProblem | null, typeError: string) {
  return string({ error: typeError }).check(
    superRefine((v, ctx) => {
      const found = problem(v);
      if (found) ctx.addIssue({ code: "custom", message: found.message, params: validationParams(found.key, found.values), input: v });
    }),
  );
}

/**
 * The zod schema of one attribute's value, exactly Authgear's JSON schema for its type
 * (authgear-server pkg/lib/config/user_profile.go ToJSONSchema, pkg/util/validation/formats.go):
 * - string: any string (no minLength: the app's own "not empty" is in lib/catalog/schemas.ts);
 * - number / integer: a JSON number / an integral one, `minimum` and `maximum` inclusive;
 * - enum: a string among the options;
 * - phone_number: format `phone` (phone-number.ts, through phoneRule() so browsers load it lazily);
 * - email: format `email` (email-rule.ts); url: format `uri` (url-rule.ts), both through
 *   formatRules() so browsers load them only for such a question;
 * - alpha2: format `iso3166-1-alpha-2`, Authgear's own list (iso3166.ts).
 * Values are not trimmed or coerced here: that is the form's business. The emulator validates with
 * exactly this; the app adds its deliberate extra rules on top (answerSchema).
 */
export function attributeValueSchema(rule: AttributeRule): ZodMiniType<string | number> {
  switch (rule.type) {
    case "string":
      return string({ error: "Must be text" });
    case "number":
      return number({ error: "Must be a number" }).check(...bounds(rule));
    case "integer":
      return number({ error: "Must be a whole number" }).check(
        refine((v) => Number.isInteger(v), { error: "Must be a whole number", abort: true, params: validationParams("wholeNumber") }),
        ...bounds(rule),
      );
    case "enum": {
      const values = rule.enum ?? [];
      return string({ error: "Must be one of the options" }).check(refine((v) => values.includes(v), { error: "Must be one of the options", params: validationParams("option") }));
    }
    case "phone_number":
      return formatted((v) => phoneRule().problem(v), "Must be a phone number");
    // In browsers the email and URL rules arrive as a chunk of their own, fetched from here; until
    // then the form defers to the Server Action, which always has them (format-rules.browser.ts).
    case "email":
      loadFormatRules().catch(() => undefined);
      return formatted((v) => formatRules()?.email(v) ?? null, "Must be an email address");
    case "url":
      loadFormatRules().catch(() => undefined);
      return formatted((v) => formatRules()?.url(v) ?? null, "Must be a web address");
    case "alpha2":
      return string({ error: "Must be a country" }).check(
        refine((v) => ISO_3166_1_ALPHA_2.has(v), { error: "Must be a two-letter country code, e.g. GB", params: validationParams("countryCode") }),
      );
  }
}

/** The JSON type Authgear's error `causes[].kind` would name for a rule failure. */
export function validationKind(rule: AttributeRule, value: unknown): string {
  switch (rule.type) {
    case "number":
    case "integer":
      if (typeof value !== "number" || (rule.type === "integer" && !Number.isInteger(value))) return "type";
      if (rule.minimum !== undefined && value < rule.minimum) return "minimum";
      if (rule.maximum !== undefined && value > rule.maximum) return "maximum";
      return "type";
    case "enum":
      return typeof value === "string" ? "enum" : "type";
    default:
      return typeof value === "string" ? "format" : "type";
  }
}
