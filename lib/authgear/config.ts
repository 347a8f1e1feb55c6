/**
 * The subset of Authgear's `authgear.yaml` that Gradual and its emulator use, in Authgear's own
 * shape (oauth.clients, user_profile.custom_attributes, hook), parsed with zod.
 * The same file tells a developer what to set in the Authgear portal.
 */
import { z } from "zod";
import {
  ACCESS_LEVELS,
  CUSTOM_ATTRIBUTE_TYPES,
  DEFAULT_ACCESS_CONTROL,
  ENUM_VALUE_PATTERN,
  attributeNameProblem,
  isAllowedAccessControl,
} from "./custom-attributes";

const accessLevel = z.enum(ACCESS_LEVELS);

export const customAttributeConfigSchema = z
  .object({
    id: z.string().min(1),
    pointer: z.string().regex(/^\/[^/]+$/, "pointer must be one level, e.g. /company"),
    type: z.enum(CUSTOM_ATTRIBUTE_TYPES),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    enum: z.array(z.string().regex(ENUM_VALUE_PATTERN)).min(1).optional(),
    access_control: z
      .object({ end_user: accessLevel, bearer: accessLevel, portal_ui: accessLevel })
      .default(DEFAULT_ACCESS_CONTROL),
  })
  .superRefine((attr, ctx) => {
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
  });
export type CustomAttributeConfig = z.infer<typeof customAttributeConfigSchema>;

/** The attribute's name as it appears in every API: the pointer without its slash. */
export function attributeName(attr: Pick<CustomAttributeConfig, "pointer">): string {
  return attr.pointer.slice(1);
}

export const oauthClientConfigSchema = z.object({
  client_id: z.string().min(1),
  name: z.string().optional(),
  x_application_type: z.enum(["spa", "traditional_webapp", "native", "confidential", "third_party_app"]).default("spa"),
  redirect_uris: z.array(z.url()).min(1),
  post_logout_redirect_uris: z.array(z.url()).default([]),
  issue_jwt_access_token: z.boolean().default(false),
  access_token_lifetime_seconds: z.number().int().min(300).default(1800),
  refresh_token_lifetime_seconds: z.number().int().positive().default(31_536_000),
});
export type OAuthClientConfig = z.infer<typeof oauthClientConfigSchema>;

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

export const hookConfigSchema = z.object({
  sync_hook_timeout_seconds: z.number().int().positive().default(5),
  sync_hook_total_timeout_seconds: z.number().int().positive().default(10),
  blocking_handlers: z.array(z.object({ event: z.enum(BLOCKING_EVENTS), url: z.string().min(1) })).default([]),
  non_blocking_handlers: z.array(z.object({ events: z.array(z.string().min(1)).min(1), url: z.string().min(1) })).default([]),
});

export const authgearConfigSchema = z
  .object({
    id: z.string().min(1).describe("the project ID, the Admin API JWT's aud"),
    http: z.object({ public_origin: z.url(), allowed_origins: z.array(z.string()).default([]) }),
    oauth: z.object({ clients: z.array(oauthClientConfigSchema).min(1) }),
    user_profile: z
      .object({
        custom_attributes: z.object({ attributes: z.array(customAttributeConfigSchema).default([]) }).default({ attributes: [] }),
      })
      .default({ custom_attributes: { attributes: [] } }),
    hook: hookConfigSchema.default({
      sync_hook_timeout_seconds: 5,
      sync_hook_total_timeout_seconds: 10,
      blocking_handlers: [],
      non_blocking_handlers: [],
    }),
  })
  .superRefine((config, ctx) => {
    const attrs = config.user_profile.custom_attributes.attributes;
    const seen = new Set<string>();
    attrs.forEach((a, i) => {
      for (const key of [`id:${a.id}`, `pointer:${a.pointer}`]) {
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["user_profile", "custom_attributes", "attributes", i], message: `duplicate ${key}` });
        seen.add(key);
      }
    });
  });
export type AuthgearConfig = z.infer<typeof authgearConfigSchema>;
