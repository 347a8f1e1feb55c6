/**
 * The subset of Authgear's `authgear.yaml` that Gradual and its emulator use, in Authgear's own
 * shape (oauth.clients, user_profile.custom_attributes, hook), parsed with zod.
 * The same file tells a developer what to set in the Authgear portal.
 */
import {
  _default,
  array,
  boolean,
  enum as zEnum,
  int,
  minLength,
  minimum,
  number,
  object,
  optional,
  positive,
  regex,
  string,
  superRefine,
  url,
  type output,
} from "zod/mini";
import {
  ACCESS_LEVELS,
  CUSTOM_ATTRIBUTE_TYPES,
  DEFAULT_ACCESS_CONTROL,
  ENUM_VALUE_PATTERN,
  attributeNameProblem,
  isAllowedAccessControl,
} from "./custom-attributes";

// zod/mini with named imports: the browser bundles this module (the catalog checks the attribute
// config it derives), and only the parts used end up in the bundle.

const accessLevel = zEnum(ACCESS_LEVELS);
const nonEmpty = () => string().check(minLength(1));

export const customAttributeConfigSchema = object({
  id: nonEmpty(),
  pointer: string().check(regex(/^\/[^/]+$/, "pointer must be one level, e.g. /company")),
  type: zEnum(CUSTOM_ATTRIBUTE_TYPES),
  minimum: optional(number()),
  maximum: optional(number()),
  enum: optional(array(string().check(regex(ENUM_VALUE_PATTERN))).check(minLength(1))),
  access_control: _default(object({ end_user: accessLevel, bearer: accessLevel, portal_ui: accessLevel }), DEFAULT_ACCESS_CONTROL),
}).check(
  superRefine((attr, ctx) => {
    const problem = attributeNameProblem(attr.pointer.slice(1));
    if (problem) ctx.addIssue({ code: "custom", path: ["pointer"], message: problem });
    if (!isAllowedAccessControl(attr.access_control)) {
      ctx.addIssue({ code: "custom", path: ["access_control"], message: "not one of Authgear's 8 allowed combinations" });
    }
    if (attr.type === "enum" && !attr.enum) {
      ctx.addIssue({ code: "custom", path: ["enum"], message: "an enum attribute needs at least one value" });
    }
    if (attr.type === "enum" && attr.enum && new Set(attr.enum).size !== attr.enum.length) {
      ctx.addIssue({ code: "custom", path: ["enum"], message: "enum values must be unique" });
    }
    if ((attr.minimum !== undefined || attr.maximum !== undefined) && attr.type !== "number" && attr.type !== "integer") {
      ctx.addIssue({ code: "custom", path: ["type"], message: "minimum/maximum apply only to number and integer" });
    }
  }),
);
export type CustomAttributeConfig = output<typeof customAttributeConfigSchema>;

/** The attribute's name as it appears in every API: the pointer without its slash. */
export function attributeName(attr: Pick<CustomAttributeConfig, "pointer">): string {
  return attr.pointer.slice(1);
}

export const oauthClientConfigSchema = object({
  client_id: nonEmpty(),
  name: optional(string()),
  x_application_type: _default(zEnum(["spa", "traditional_webapp", "native", "confidential", "third_party_app"]), "spa"),
  redirect_uris: array(url()).check(minLength(1)),
  post_logout_redirect_uris: _default(array(url()), []),
  issue_jwt_access_token: _default(boolean(), false),
  access_token_lifetime_seconds: _default(int().check(minimum(300)), 1800),
  refresh_token_lifetime_seconds: _default(int().check(positive()), 31_536_000),
});
export type OAuthClientConfig = output<typeof oauthClientConfigSchema>;

export const BLOCKING_EVENTS = [
  "user.pre_create",
  "user.profile.pre_update",
  "user.pre_schedule_deletion",
  "user.pre_schedule_anonymization",
  "oidc.jwt.pre_create",
  "oidc.id_token.pre_create",
  "authentication.pre_initialize",
  "authentication.post_identified",
  "authentication.pre_authenticated",
] as const;

export const hookConfigSchema = object({
  sync_hook_timeout_seconds: _default(int().check(positive()), 5),
  sync_hook_total_timeout_seconds: _default(int().check(positive()), 10),
  blocking_handlers: _default(array(object({ event: zEnum(BLOCKING_EVENTS), url: nonEmpty() })), []),
  non_blocking_handlers: _default(array(object({ events: array(nonEmpty()).check(minLength(1)), url: nonEmpty() })), []),
});

/**
 * Authgear's `localization` (pkg/lib/config): the language its pages, messages and hook events
 * fall back to, and the languages the project offers. Authgear's defaults: fallback "en", and
 * only the fallback supported. The tags are checked by the emulator (canonical BCP 47).
 */
export const localizationConfigSchema = object({
  fallback_language: _default(nonEmpty(), "en"),
  supported_languages: optional(array(nonEmpty()).check(minLength(1))),
});

export const authgearConfigSchema = object({
  /** The project ID, the Admin API JWT's aud. */
  id: nonEmpty(),
  http: object({ public_origin: url(), allowed_origins: _default(array(string()), []) }),
  oauth: object({ clients: array(oauthClientConfigSchema).check(minLength(1)) }),
  user_profile: _default(
    object({
      custom_attributes: _default(object({ attributes: _default(array(customAttributeConfigSchema), []) }), { attributes: [] }),
    }),
    { custom_attributes: { attributes: [] } },
  ),
  localization: _default(localizationConfigSchema, { fallback_language: "en" }),
  hook: _default(hookConfigSchema, {
    sync_hook_timeout_seconds: 5,
    sync_hook_total_timeout_seconds: 10,
    blocking_handlers: [],
    non_blocking_handlers: [],
  }),
}).check(
  superRefine((config, ctx) => {
    const attrs = config.user_profile.custom_attributes.attributes;
    const seen = new Set<string>();
    attrs.forEach((a, i) => {
      for (const key of [`id:${a.id}`, `pointer:${a.pointer}`]) {
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["user_profile", "custom_attributes", "attributes", i], message: `duplicate ${key}` });
        seen.add(key);
      }
    });
  }),
);
export type AuthgearConfig = output<typeof authgearConfigSchema>;
