/**
 * How an emulated user looks on each surface (hook payloads, userinfo, token claims) and how
 * attribute writes are validated (custom attributes with lib/authgear's `attributeValueSchema`,
 * standard attributes with a zod rendering of Authgear's stdattrs schema, role keys).
 */
import { z } from "zod";
import { CLAIMS } from "@/lib/authgear/protocol";
import { accessLevelAtLeast, attributeValueSchema, validationKind } from "@/lib/authgear/custom-attributes";
import type { CustomAttributeConfig } from "@/lib/authgear/config";
import { authgearEmailProblem } from "@/lib/authgear/email-rule";
import { authgearPhoneNumberProblem } from "@/lib/authgear/phone-number";
import { authgearUrlProblem } from "@/lib/authgear/url-rule";
import type { HookIdentity, HookSession, HookUser } from "@/lib/authgear/hook-events";
import { isCanonicalBcp47 } from "./languages";
import type { UserRecord } from "./store";

/** One entry of Authgear's `ValidationFailed` error `info.causes`. */
export interface ValidationCause {
  location: string;
  kind: string;
  details: Record<string, unknown>;
}

const LOGIN_ID_CLAIM = "https://authgear.com/claims/login_id";

// ---------------------------------------------------------------------------------------------
// Representations
// ---------------------------------------------------------------------------------------------

/** Standard attributes with Authgear's derived ones added (email_verified, phone_number_verified, updated_at). */
export function standardAttributesWithDerived(user: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...user.standardAttributes };
  if (typeof out.email === "string") out.email_verified = user.emailVerified && out.email === user.identity.email;
  if (typeof out.phone_number === "string") out.phone_number_verified = false;
  out.updated_at = user.standardAttributesUpdatedAt;
  return out;
}

export function isVerified(user: UserRecord): boolean {
  return user.emailVerified;
}

/** Go's model.User as delivered to hooks (all custom attributes: RoleGreatest). */
export function hookUser(user: UserRecord): HookUser {
  return {
    id: user.id,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    ...(user.lastLoginAt ? { last_login_at: user.lastLoginAt } : {}),
    is_anonymous: false,
    is_verified: isVerified(user),
    is_disabled: user.isDisabled,
    ...(user.disableReason ? { disable_reason: user.disableReason } : {}),
    is_deactivated: false,
    is_anonymized: false,
    can_reauthenticate: true,
    standard_attributes: standardAttributesWithDerived(user),
    custom_attributes: { ...user.customAttributes },
    x_web3: {},
    roles: [...user.roles],
    groups: [],
  };
}

/** Go's model.Identity of the user's email login ID. */
export function hookIdentity(user: UserRecord): HookIdentity {
  const email = user.identity.email;
  return {
    id: user.identity.id,
    created_at: user.identity.createdAt,
    updated_at: user.identity.updatedAt,
    type: "login_id",
    claims: {
      email,
      [`${LOGIN_ID_CLAIM}/key`]: "email",
      [`${LOGIN_ID_CLAIM}/original_value`]: email,
      [`${LOGIN_ID_CLAIM}/type`]: "email",
      [`${LOGIN_ID_CLAIM}/value`]: email,
    },
  };
}

export function hookSession(opts: {
  sid: string;
  createdAt: string;
  ip: string;
  clientId: string;
  userAgent: string;
}): HookSession {
  return {
    id: opts.sid,
    created_at: opts.createdAt,
    updated_at: opts.createdAt,
    type: "idp",
    amr: ["otp"],
    lastAccessedAt: opts.createdAt,
    createdByIP: opts.ip,
    lastAccessedByIP: opts.ip,
    lastAccessedByIPCountryCode: "",
    lastAccessedByIPEnglishCountryName: "",
    clientID: opts.clientId,
    displayName: opts.userAgent || "Unknown",
  };
}

/** Authgear's user claims in access tokens and ID tokens. */
export function userTokenClaims(user: UserRecord): Record<string, unknown> {
  return {
    [CLAIMS.isAnonymous]: false,
    [CLAIMS.isVerified]: isVerified(user),
    [CLAIMS.canReauthenticate]: true,
    [CLAIMS.roles]: [...user.roles],
  };
}

/**
 * Standard attributes a token bearer may read, with Authgear's defaults (contract §4): name,
 * nickname, middle_name, profile, website and address are hidden from the bearer.
 */
const BEARER_VISIBLE_STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  "email", "email_verified", "phone_number", "phone_number_verified", "preferred_username",
  "family_name", "given_name", "picture", "gender", "birthdate", "zoneinfo", "locale", "updated_at",
]);

/** The /oauth2/userinfo body for a first-party client with the full-access scope (contract §1.5). */
export function userinfoBody(user: UserRecord, attributes: ReadonlyMap<string, CustomAttributeConfig>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    sub: user.id,
    ...userTokenClaims(user),
    [CLAIMS.recoveryCodeEnabled]: false,
    [CLAIMS.authenticators]: [
      { created_at: user.identity.createdAt, updated_at: user.identity.updatedAt, type: "oob_otp_email", kind: "primary" },
    ],
    [CLAIMS.identities]: [
      {
        type: "login_id",
        created_at: user.identity.createdAt,
        updated_at: user.identity.updatedAt,
        login_id_key: "email",
        login_id_type: "email",
      },
    ],
  };
  for (const [key, value] of Object.entries(standardAttributesWithDerived(user))) {
    if (BEARER_VISIBLE_STANDARD_ATTRIBUTES.has(key)) body[key] = value;
  }
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.customAttributes)) {
    const attr = attributes.get(name);
    if (attr && accessLevelAtLeast(attr.access_control.bearer, "readonly") && value !== undefined && value !== null) custom[name] = value;
  }
  body.custom_attributes = custom;
  body.x_web3 = {};
  return body;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const SCHEMA_TYPE: Record<CustomAttributeConfig["type"], string> = {
  string: "string",
  number: "number",
  integer: "integer",
  enum: "string",
  phone_number: "string",
  email: "string",
  url: "string",
  alpha2: "string",
};
const FORMAT: Partial<Record<CustomAttributeConfig["type"], string>> = {
  phone_number: "phone",
  email: "email",
  url: "uri",
  alpha2: "iso3166-1-alpha-2",
};

function customCause(name: string, attr: CustomAttributeConfig, value: unknown, message: string): ValidationCause {
  const kind = validationKind(attr, value);
  const location = `/${name}`;
  switch (kind) {
    case "type":
      return { location, kind, details: { actual: [jsonType(value)], expected: [SCHEMA_TYPE[attr.type]] } };
    case "minimum":
      return { location, kind, details: { actual: value, minimum: attr.minimum } };
    case "maximum":
      return { location, kind, details: { actual: value, maximum: attr.maximum } };
    case "enum":
      return { location, kind, details: { actual: value, expected: attr.enum ?? [] } };
    default:
      return { location, kind, details: { format: FORMAT[attr.type] ?? attr.type, error: message } };
  }
}

/**
 * Validates a whole custom-attributes object against every configured attribute (RoleGreatest:
 * access control does not apply). Returns the causes, empty when valid. Keys the config does not
 * define are not looked at: Authgear's schema lists the configured pointers only and has no
 * `additionalProperties: false` (authgear-server pkg/lib/feature/customattrs/service_noevent.go,
 * `generateSchemaString`), so they are never refused; `configuredOnly` then drops them.
 */
export function validateCustomAttributes(
  value: Record<string, unknown>,
  attributes: ReadonlyMap<string, CustomAttributeConfig>,
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  for (const [name, attr] of attributes) {
    if (!(name in value)) continue;
    const v = value[name];
    const result = attributeValueSchema(attr).safeParse(v);
    if (!result.success) causes.push(customCause(name, attr, v, result.error.issues[0]?.message ?? "invalid"));
  }
  return causes;
}

/**
 * What Authgear stores of a custom-attributes object: the configured attributes only. Its
 * `toStorageForm` copies each configured pointer's value and nothing else, for the Admin API's
 * updateUser and for hook mutations alike (both go through `UpdateAllCustomAttributes`): an
 * unknown key is dropped silently, with no error and no log.
 */
export function configuredOnly(
  value: Record<string, unknown>,
  attributes: ReadonlyMap<string, CustomAttributeConfig>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of attributes.keys()) if (Object.hasOwn(value, name)) out[name] = value[name];
  return out;
}

const DERIVED_STANDARD_ATTRIBUTES = ["email_verified", "phone_number_verified", "updated_at"] as const;

/** Authgear strips the derived attributes before validating a standard-attributes write. */
export function stripDerivedStandardAttributes(value: Record<string, unknown>): Record<string, unknown> {
  const out = { ...value };
  for (const key of DERIVED_STANDARD_ATTRIBUTES) delete out[key];
  return out;
}

function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}
/**
 * Authgear's `bcp47` format (pkg/util/validation FormatBCP47): Go's language.Parse succeeds and
 * the value is already canonical (`de`, `zh-HK`; not `en-us`, `en_US` or `iw`).
 */
const isLocale = (v: string) => isCanonicalBcp47(v);
/** Authgear's `uri` format (FormatURI), the same rule as url custom attributes. */
const isUri = (v: string) => authgearUrlProblem(v) === null;
/** `x_picture` (FormatPicture): http(s) judged as `uri`, or an `authgearimages:///…` path. */
const isPicture = (v: string) =>
  /^https?:/i.test(v) ? isUri(v) : /^authgearimages:\/\/\/[^?#]*$/i.test(v) && authgearUrlProblem(`http://x${v.slice("authgearimages://".length)}`) === null;

const nonEmpty = z.string().min(1);
const STANDARD_ATTRIBUTE_RULES: Record<string, { schema: z.ZodType; kind: string; format?: string }> = {
  email: { schema: z.string().refine((v) => authgearEmailProblem(v) === null), kind: "format", format: "email" },
  phone_number: { schema: z.string().refine((v) => authgearPhoneNumberProblem(v) === null), kind: "format", format: "phone" },
  preferred_username: { schema: nonEmpty, kind: "minLength" },
  family_name: { schema: nonEmpty, kind: "minLength" },
  given_name: { schema: nonEmpty, kind: "minLength" },
  middle_name: { schema: nonEmpty, kind: "minLength" },
  name: { schema: nonEmpty, kind: "minLength" },
  nickname: { schema: nonEmpty, kind: "minLength" },
  gender: { schema: nonEmpty, kind: "minLength" },
  picture: { schema: z.string().refine(isPicture), kind: "format", format: "x_picture" },
  profile: { schema: z.string().refine(isUri), kind: "format", format: "uri" },
  website: { schema: z.string().refine(isUri), kind: "format", format: "uri" },
  birthdate: { schema: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/), kind: "format", format: "birthdate" },
  zoneinfo: { schema: z.string().refine(isTimeZone), kind: "format", format: "timezone" },
  locale: { schema: z.string().refine(isLocale), kind: "format", format: "bcp47" },
  address: {
    schema: z.strictObject({
      formatted: nonEmpty.optional(),
      street_address: nonEmpty.optional(),
      locality: nonEmpty.optional(),
      region: nonEmpty.optional(),
      postal_code: nonEmpty.optional(),
      country: nonEmpty.optional(),
    }),
    kind: "type",
  },
};

/** Validates a whole standard-attributes object (already stripped of derived attributes). */
export function validateStandardAttributes(value: Record<string, unknown>): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const unknown = Object.keys(value).filter((k) => !(k in STANDARD_ATTRIBUTE_RULES));
  if (unknown.length > 0) causes.push({ location: "", kind: "additionalProperties", details: { actual: unknown } });
  for (const [key, rule] of Object.entries(STANDARD_ATTRIBUTE_RULES)) {
    if (!(key in value)) continue;
    const v = value[key];
    if (key !== "address" && typeof v !== "string") {
      causes.push({ location: `/${key}`, kind: "type", details: { actual: [jsonType(v)], expected: ["string"] } });
    } else if (!rule.schema.safeParse(v).success) {
      causes.push({ location: `/${key}`, kind: rule.kind, details: rule.format ? { format: rule.format } : {} });
    }
  }
  return causes;
}

/**
 * Standard attributes that name a login ID must match an identity the user owns
 * (Authgear: "unowned email: …"). The emulated user owns exactly one email identity.
 */
export function unownedStandardAttribute(value: Record<string, unknown>, user: UserRecord): string | null {
  if (typeof value.email === "string" && value.email !== user.identity.email) return `unowned email: ${value.email}`;
  if (typeof value.phone_number === "string") return `unowned phone number: ${value.phone_number}`;
  if (typeof value.preferred_username === "string") return `unowned preferred username: ${value.preferred_username}`;
  return null;
}

/** Authgear role keys: `^[a-zA-Z_][a-zA-Z0-9:_]*$`, at most 40 characters. */
const ROLE_KEY = /^[a-zA-Z_][a-zA-Z0-9:_]{0,39}$/;
export function validateRoles(roles: readonly unknown[]): ValidationCause[] {
  return roles.flatMap((r, i) =>
    typeof r === "string" && ROLE_KEY.test(r) ? [] : [{ location: `/roles/${i}`, kind: "format", details: { format: "x_role_key" } }],
  );
}

/** Whole objects to put on a user; an absent key leaves that part unchanged. */
export interface AttributeReplacement {
  customAttributes?: Record<string, unknown>;
  standardAttributes?: Record<string, unknown>;
  roles?: unknown[];
}

export type ReplacementResult =
  | { ok: true; user: UserRecord }
  | { ok: false; problem: "validation"; causes: ValidationCause[] }
  | { ok: false; problem: "unowned"; message: string };

/**
 * Applies whole-object replacements (Admin API updateUser, hook mutations) to a copy of `user`,
 * validating everything first: on any problem nothing is applied. Derived standard attributes are
 * stripped before validation, and custom attributes the config does not define are dropped, as
 * Authgear does.
 */
export function replaceAttributes(
  user: UserRecord,
  change: AttributeReplacement,
  attributes: ReadonlyMap<string, CustomAttributeConfig>,
  now: Date,
): ReplacementResult {
  const causes: ValidationCause[] = [];
  const standard = change.standardAttributes ? stripDerivedStandardAttributes(change.standardAttributes) : undefined;
  if (change.customAttributes) causes.push(...validateCustomAttributes(change.customAttributes, attributes));
  if (standard) causes.push(...validateStandardAttributes(standard));
  if (change.roles) causes.push(...validateRoles(change.roles));
  if (causes.length > 0) return { ok: false, problem: "validation", causes };
  if (standard) {
    const unowned = unownedStandardAttribute(standard, user);
    if (unowned) return { ok: false, problem: "unowned", message: unowned };
  }
  const next: UserRecord = { ...user, updatedAt: now.toISOString() };
  if (change.customAttributes) next.customAttributes = configuredOnly(change.customAttributes, attributes);
  if (standard) {
    next.standardAttributes = standard;
    next.standardAttributesUpdatedAt = Math.floor(now.getTime() / 1000);
  }
  if (change.roles) next.roles = [...new Set(change.roles as string[])];
  return { ok: true, user: next };
}
