/**
 * Authgear hook (webhook) events and blocking responses as zod schemas and TypeScript types
 * (contract §5.2 envelope, §5.3 responses). The emulator builds and validates with them; the app's
 * webhook route parses incoming events and writes its responses with them, so the two agree.
 * Isomorphic: zod only.
 *
 * Incoming shapes (events) are parsed leniently: unknown keys are kept (loose objects) so a newer
 * Authgear adding fields does not break the route. Outgoing shapes (responses) are strict, exactly
 * as Authgear's JSON schema (`additionalProperties: false`): an unknown key makes Authgear fail the
 * operation with HookInvalidResponse.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Event types
// ---------------------------------------------------------------------------------------------

/** The events Gradual and its emulator deliver and understand. */
export const HOOK_EVENT_TYPES = {
  userPreCreate: "user.pre_create",
  userProfilePreUpdate: "user.profile.pre_update",
  userCreated: "user.created",
  userProfileUpdated: "user.profile.updated",
  userAuthenticated: "user.authenticated",
} as const;

export const TRIGGERED_BY = ["user", "admin_api", "system", "portal", "site_admin"] as const;
export type TriggeredBy = (typeof TRIGGERED_BY)[number];

/** Authgear's event `id`: the sequence number as 16 lowercase hex digits (`fmt.Sprintf("%016x", seq)`). */
export function hookEventId(seq: number): string {
  return seq.toString(16).padStart(16, "0");
}

// ---------------------------------------------------------------------------------------------
// Envelope parts
// ---------------------------------------------------------------------------------------------

const jsonObject = z.record(z.string(), z.unknown());

export const hookEventContextSchema = z.looseObject({
  /** Unix seconds. */
  timestamp: z.number().int(),
  /** The session's user, else the event's user; null when neither exists (never omitted). */
  user_id: z.string().nullable(),
  triggered_by: z.enum(TRIGGERED_BY),
  audit_context: jsonObject.default({}),
  /** From `ui_locales`, else Accept-Language; always an array. */
  preferred_languages: z.array(z.string()).default([]),
  /** Resolved against the project's supported languages. */
  language: z.string().default(""),
  oauth: z.looseObject({ state: z.string().optional(), x_state: z.string().optional() }).optional(),
  ip_address: z.string().optional(),
  /** ISO 3166-1 alpha-2 of the IP's country, null when unknown. */
  geo_location_code: z.string().nullable().optional(),
  user_agent: z.string().optional(),
  app_id: z.string().optional(),
  client_id: z.string().optional(),
  tracking_id: z.string().optional(),
});
export type HookEventContext = z.infer<typeof hookEventContextSchema>;

/** Go's `model.User` as hooks see it (read with RoleGreatest: every custom attribute is included). */
export const hookUserSchema = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  last_login_at: z.string().optional(),
  is_anonymous: z.boolean().default(false),
  is_verified: z.boolean().default(false),
  is_disabled: z.boolean().default(false),
  disable_reason: z.string().optional(),
  is_deactivated: z.boolean().default(false),
  delete_at: z.string().optional(),
  delete_reason: z.string().optional(),
  is_anonymized: z.boolean().default(false),
  anonymize_at: z.string().optional(),
  temporarily_disabled_from: z.string().optional(),
  temporarily_disabled_until: z.string().optional(),
  account_valid_from: z.string().optional(),
  account_valid_until: z.string().optional(),
  can_reauthenticate: z.boolean().default(false),
  /** Includes derived `email_verified`, `phone_number_verified` and `updated_at` (unix seconds). */
  standard_attributes: jsonObject.default({}),
  /** Keyed by attribute name; a never-set attribute is absent. */
  custom_attributes: jsonObject.default({}),
  x_web3: jsonObject.default({}),
  roles: z.array(z.string()).default([]),
  groups: z.array(z.string()).default([]),
  mfa_grace_period_end_at: z.string().optional(),
});
export type HookUser = z.infer<typeof hookUserSchema>;

/** Go's `model.Identity`: for a login ID, `claims` holds e.g. `email` and the login-ID claims. */
export const hookIdentitySchema = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  type: z.string(),
  claims: jsonObject.default({}),
});
export type HookIdentity = z.infer<typeof hookIdentitySchema>;

/** Go's `model.Session` (note the camelCase keys, as in Authgear). */
export const hookSessionSchema = z.looseObject({
  id: z.string(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  type: z.enum(["idp", "offline_grant"]),
  amr: z.array(z.string()).optional(),
  lastAccessedAt: z.string().optional(),
  createdByIP: z.string().optional(),
  lastAccessedByIP: z.string().optional(),
  lastAccessedByIPCountryCode: z.string().optional(),
  lastAccessedByIPEnglishCountryName: z.string().optional(),
  clientID: z.string().nullable().optional(),
  displayName: z.string().optional(),
  applicationName: z.string().optional(),
});
export type HookSession = z.infer<typeof hookSessionSchema>;

const envelopeBase = {
  /** Opaque; Authgear sends `hookEventId(seq)`. */
  id: z.string(),
  seq: z.number().int(),
  context: hookEventContextSchema,
};

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export const userPreCreateEventSchema = z.looseObject({
  ...envelopeBase,
  type: z.literal(HOOK_EVENT_TYPES.userPreCreate),
  payload: z.looseObject({ user: hookUserSchema, identities: z.array(hookIdentitySchema).default([]) }),
});
export const userProfilePreUpdateEventSchema = z.looseObject({
  ...envelopeBase,
  type: z.literal(HOOK_EVENT_TYPES.userProfilePreUpdate),
  /** `user` already carries the new values (the event fires after the write, in the transaction). */
  payload: z.looseObject({ user: hookUserSchema }),
});
export const userCreatedEventSchema = z.looseObject({
  ...envelopeBase,
  type: z.literal(HOOK_EVENT_TYPES.userCreated),
  payload: z.looseObject({ user: hookUserSchema, identities: z.array(hookIdentitySchema).default([]) }),
});
export const userProfileUpdatedEventSchema = z.looseObject({
  ...envelopeBase,
  type: z.literal(HOOK_EVENT_TYPES.userProfileUpdated),
  payload: z.looseObject({ user: hookUserSchema }),
});
export const userAuthenticatedEventSchema = z.looseObject({
  ...envelopeBase,
  type: z.literal(HOOK_EVENT_TYPES.userAuthenticated),
  payload: z.looseObject({
    user: hookUserSchema,
    session: hookSessionSchema,
    continue_from_session: hookSessionSchema.optional(),
  }),
});

/** Any of the events above, told apart by `type`. */
export const hookEventSchema = z.discriminatedUnion("type", [
  userPreCreateEventSchema,
  userProfilePreUpdateEventSchema,
  userCreatedEventSchema,
  userProfileUpdatedEventSchema,
  userAuthenticatedEventSchema,
]);
export type UserPreCreateEvent = z.infer<typeof userPreCreateEventSchema>;
export type UserProfilePreUpdateEvent = z.infer<typeof userProfilePreUpdateEventSchema>;
export type UserCreatedEvent = z.infer<typeof userCreatedEventSchema>;
export type UserProfileUpdatedEvent = z.infer<typeof userProfileUpdatedEventSchema>;
export type UserAuthenticatedEvent = z.infer<typeof userAuthenticatedEventSchema>;
export type HookEvent = z.infer<typeof hookEventSchema>;

/** The envelope of any event, including types Gradual does not handle (payload left unparsed). */
export const anyHookEventSchema = z.looseObject({ ...envelopeBase, type: z.string().min(1), payload: jsonObject });

/** Events whose blocking response may carry `mutations.user` (and nothing but is_allowed/mutations). */
export const USER_MUTATION_EVENTS: ReadonlySet<string> = new Set([
  HOOK_EVENT_TYPES.userPreCreate,
  HOOK_EVENT_TYPES.userProfilePreUpdate,
]);

// ---------------------------------------------------------------------------------------------
// Blocking responses
// ---------------------------------------------------------------------------------------------

/**
 * `mutations.user`: each present key REPLACES the whole object (no merge), so send the complete
 * `custom_attributes`. Mutations are validated once, after the last hook, with RoleGreatest.
 */
export const userMutationsSchema = z.strictObject({
  standard_attributes: jsonObject.optional(),
  custom_attributes: jsonObject.optional(),
  roles: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
});
export type UserMutations = z.infer<typeof userMutationsSchema>;

/** Deny: the user (or API caller) sees `title` and `reason`. No other keys are allowed. */
export const hookResponseDisallowedSchema = z.strictObject({
  is_allowed: z.literal(false),
  title: z.string().optional(),
  reason: z.string().optional(),
});

/** Allow for `user.pre_create` / `user.profile.pre_update`: only `is_allowed` and `mutations`. */
export const userMutationHookResponseAllowedSchema = z.strictObject({
  is_allowed: z.literal(true),
  mutations: z.strictObject({ user: userMutationsSchema.optional() }).optional(),
});

/** The response to `user.pre_create` or `user.profile.pre_update`. */
export const userMutationHookResponseSchema = z.discriminatedUnion("is_allowed", [
  userMutationHookResponseAllowedSchema,
  hookResponseDisallowedSchema,
]);

/** Allow for any blocking event (the full set Authgear accepts). */
export const hookResponseAllowedSchema = z.strictObject({
  is_allowed: z.literal(true),
  mutations: z
    .strictObject({
      user: userMutationsSchema.optional(),
      jwt: z.strictObject({ payload: jsonObject }).optional(),
      id_token: z.strictObject({ payload: jsonObject }).optional(),
    })
    .optional(),
  constraints: z.strictObject({ amr: z.array(z.string()) }).optional(),
  bot_protection: z.strictObject({ mode: z.enum(["never", "always"]) }).optional(),
  rate_limits: jsonObject.optional(),
});
export const blockingHookResponseSchema = z.discriminatedUnion("is_allowed", [
  hookResponseAllowedSchema,
  hookResponseDisallowedSchema,
]);
export type BlockingHookResponse = z.infer<typeof blockingHookResponseSchema>;

/** The response schema Authgear applies to a blocking event of this type. */
export function blockingResponseSchemaFor(eventType: string): z.ZodType<BlockingHookResponse> {
  return USER_MUTATION_EVENTS.has(eventType) ? userMutationHookResponseSchema : blockingHookResponseSchema;
}
