/**
 * Authgear custom attributes: names, types, access control and the validation Authgear applies
 * to each value (contract §4, from authgear-server pkg/lib/config/user_profile.go).
 * One implementation serves the app (answer schemas) and the emulator (updateUser validation).
 * Isomorphic: zod only, as zod/mini with named imports, so the browser bundles just the parts used
 * (the prompt's form validates with these schemas; see docs/performance.md).
 */
import "@/lib/zod-messages";
import { email, int, maximum, minLength, minimum, number, pipe, refine, string, type ZodMiniType } from "zod/mini";
import { ISO_3166_1_ALPHA_2 } from "./iso3166";
// Through the alias path, so browser builds get phone-rule.browser.ts (next.config.mjs).
import { phoneRule } from "@/lib/authgear/phone-rule";

export const CUSTOM_ATTRIBUTE_TYPES = [
  "string",
  "number",
  "integer",
  "enum",
  "phone_number",
  "email",
  "url",
  "country_code",
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

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol.length > 1 && url.host.length > 0;
  } catch {
    return false;
  }
}

function bounds(rule: AttributeRule) {
  return [
    ...(rule.minimum !== undefined ? [minimum(rule.minimum, { error: `Must be at least ${rule.minimum}` })] : []),
    ...(rule.maximum !== undefined ? [maximum(rule.maximum, { error: `Must be at most ${rule.maximum}` })] : []),
  ];
}

/**
 * The zod schema of one attribute's value, exactly Authgear's JSON-schema rules:
 * non-empty strings, enum membership, ISO 3166-1 alpha-2, absolute URLs, E.164 phone numbers,
 * integer and number bounds. Values are not trimmed or coerced here: that is the form's business.
 */
export function attributeValueSchema(rule: AttributeRule): ZodMiniType<string | number> {
  switch (rule.type) {
    case "string":
      return string({ error: "Must be text" }).check(minLength(1, { error: "Must not be empty" }));
    case "number":
      return number({ error: "Must be a number" }).check(...bounds(rule));
    case "integer":
      return int({ error: "Must be a whole number" }).check(...bounds(rule));
    case "enum": {
      const values = rule.enum ?? [];
      return string({ error: "Must be one of the options" }).check(refine((v) => values.includes(v), { error: "Must be one of the options" }));
    }
    case "phone_number":
      return string({ error: "Must be a phone number" }).check(
        refine((v) => phoneRule().problem(v) === null, { error: "That is not a valid phone number" }),
      );
    case "email":
      return pipe(string({ error: "Must be an email address" }), email({ error: "Must be an email address" }));
    case "url":
      return string({ error: "Must be a web address" }).check(refine(isAbsoluteUrl, { error: "Must be a full web address, e.g. https://example.com" }));
    case "country_code":
      return string({ error: "Must be a country" }).check(
        refine((v) => ISO_3166_1_ALPHA_2.has(v), { error: "Must be a two-letter country code, e.g. GB" }),
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
    case "string":
      return typeof value === "string" ? "minLength" : "type";
    default:
      return typeof value === "string" ? "format" : "type";
  }
}
