/**
 * The bodies the webhook figure posts: signed Authgear events shaped exactly as the emulator
 * delivers them (its own user record and hook representations), with a fresh id, seq and
 * timestamp for every request so no body is ever sent twice.
 */
import { HOOK_EVENT_TYPES, hookEventId, type HookEventContext } from "@/lib/authgear/hook-events";
import { signHookBody } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER } from "@/lib/authgear/protocol";
import { newUserRecord } from "@/emulator/store";
import { hookIdentity, hookUser } from "@/emulator/users";

/** The address the enrichment e2e journey signs up from: DB-IP places it in London, GB. */
export const BENCH_SIGNUP_IP = "81.2.69.142";
/** An event Authgear sends (non-blocking) that Gradual's webhook does not handle. */
export const UNHANDLED_EVENT_TYPE = "user.disabled";

/** A hook event's context for a sign-up by `userId` from BENCH_SIGNUP_IP at `now`, as Authgear sends it. */
export function benchHookContext(userId: string, now: Date): HookEventContext {
  return {
    timestamp: Math.floor(now.getTime() / 1000),
    user_id: userId,
    triggered_by: "user",
    audit_context: {},
    preferred_languages: ["en-GB", "en"],
    language: "en",
    ip_address: BENCH_SIGNUP_IP,
    geo_location_code: null,
    user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
    app_id: "gradual-local",
    client_id: "gradual-web",
  };
}

/** `user.pre_create` for a new email user signing up from BENCH_SIGNUP_IP. */
export function preCreateEvent(seq: number, now: Date = new Date()): Record<string, unknown> {
  const user = newUserRecord(`bench-${seq}@example.com`, now);
  return {
    id: hookEventId(seq),
    seq,
    type: HOOK_EVENT_TYPES.userPreCreate,
    payload: { user: hookUser(user), identities: [hookIdentity(user)] },
    context: benchHookContext(user.id, now),
  };
}

/** A well-formed event of a type the webhook answers with a plain `{"is_allowed": true}`. */
export function unhandledEvent(seq: number, now: Date = new Date()): Record<string, unknown> {
  const user = { ...newUserRecord(`bench-${seq}@example.com`, now), isDisabled: true, disableReason: "bench" };
  return {
    id: hookEventId(seq),
    seq,
    type: UNHANDLED_EVENT_TYPE,
    payload: { user: hookUser(user) },
    context: benchHookContext(user.id, now),
  };
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** The body and headers Authgear would send; `secret` null sends it unsigned. */
export function signedRequest(event: Record<string, unknown>, secret: string | null): SignedRequest {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers[HOOK_SIGNATURE_HEADER] = signHookBody(secret, body);
  return { body, headers };
}
