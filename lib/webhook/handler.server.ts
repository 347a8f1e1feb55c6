/**
 * Gradual's Authgear webhook (POST /api/authgear/hooks), with every dependency injected so it can
 * be tested without a server. The route (app/api/authgear/hooks/route.ts) reads the raw body with
 * a size cap and passes it here; see docs/decisions/008-webhook.md.
 *
 * Order of checks, before any handling:
 *   1. Content-Type must be application/json → else 415 (Authgear always sends JSON; a client that
 *      sends something else is not Authgear, and 415 tells it why);
 *   2. at most HOOK_BODY_LIMIT_BYTES → else 400;
 *   3. `x-authgear-body-signature` = hex(HMAC-SHA256(secret, raw body)), compared in constant time,
 *      BEFORE anything parses the body. A request that does not verify never gets mutations and
 *      is answered as `badSignature` says (AUTHGEAR_WEBHOOK_BAD_SIGNATURE, ADR 015): "allow" (the
 *      default) answers a blocking event `{"is_allowed": true}` (sign-ups and profile saves go on,
 *      unenriched) and anything else 401; "reject" answers 401 (Authgear then fails a blocking
 *      operation). Either way it is logged at most once a minute with the fix and kept for /admin;
 *   4. UTF-8 JSON, an event envelope (lib/authgear/hook-events.ts) → else 400;
 *   4b. not stale (context.timestamp within 5 min) → else 400, not a replay of a body already
 *      accepted → else 409 (lib/webhook/replay-guard.ts, when deps.replay is set: production);
 *   5. events Gradual does not handle → 200 {"is_allowed": true}.
 *
 * Events:
 * - `user.pre_create` (blocking), for sign-ups by the user (not Admin API or Portal creations,
 *   whose IP is the caller's): enrich from the event's context (IP address, Authgear's
 *   geo_location_code, preferred languages), merge over the payload's custom attributes with the
 *   catalog's rules (lib/prompt/merge.ts), answer the WHOLE custom_attributes object as a mutation
 *   when something changed. Fails open: whatever goes wrong (a provider hangs, the store is down),
 *   the answer is "allowed" within `blockingBudgetMs`, with what enrichment found in time.
 * - `user.created`: records the provenance of what pre_create wrote (kept in memory, or
 *   recomputed, only for values the new user really has).
 * - `user.profile.pre_update` (blocking, always allowed) and `user.profile.updated`, when the user
 *   edited their own profile (triggered_by "user"): attributes whose value no longer matches their
 *   provenance become the user's (source "user", confirmed), so enrichment never overwrites them.
 * - `user.authenticated`: an existing user with enrichable attributes still empty gets them filled
 *   through the Admin API by the profile service's save path (`deps.save`: the prompt's and
 *   /profile's), under the user's save lock, re-reading the user first and writing the whole
 *   object. Not for users who opted out of enrichment.
 */
import "server-only";
import {
  anyHookEventSchema,
  HOOK_EVENT_TYPES,
  hookEventSchema,
  userMutationHookResponseSchema,
  type HookEvent,
  type HookEventContext,
  type UserAuthenticatedEvent,
  type UserCreatedEvent,
  type UserPreCreateEvent,
  type UserProfilePreUpdateEvent,
  type UserProfileUpdatedEvent,
} from "@/lib/authgear/hook-events";
import { verifyHookSignature } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER } from "@/lib/authgear/protocol";
import {
  createConfigProblemReporter,
  webhookBadSignature,
  WEBHOOK_SIGNATURE_PROBLEM_KEY,
  type ConfigProblemReporter,
} from "@/lib/admin/config-problems";
import type { Store } from "@/lib/db/store.server";
import type { EnrichmentRunOptions } from "@/lib/enrichment/providers.server";
import { FIELDS, type SharedField } from "@/lib/enrichment/fields";
import { consentState, type ConsentState } from "@/lib/enrichment/select";
import type { EnrichedValue, EnrichmentFieldSpec, EnrichmentInput, EnrichmentPhase } from "@/lib/enrichment/types";
import { verifiedEmail } from "@/lib/enrichment/verified-email";
import { findQuestion, isEmptyValue, type ProfileCatalog } from "@/lib/catalog/catalog";
import type { AttributeValue, Provenance } from "@/lib/domain";
import { mergeProfile, USER_SOURCE } from "@/lib/prompt/merge";
import { answerSchema } from "@/lib/catalog/schemas";
import { PendingProvenance } from "./pending-provenance";
import { HOOK_BODY_LIMIT_BYTES } from "./read-body";
import type { ReplayGuard } from "./replay-guard";

/** How long a blocking event may take here; Authgear allows 5 s per hook (contract §5.4). */
export const BLOCKING_BUDGET_MS = 3_500;

export type HookStore = Pick<
  Store,
  "withUserLock" | "provenance" | "writeProvenance" | "enrichmentOptOut" | "enrichmentConsent" | "recordConfigProblem" | "resolveConfigProblems"
>;

/** AUTHGEAR_WEBHOOK_BAD_SIGNATURE (lib/env.server.ts). */
export type BadSignatureMode = "allow" | "reject";

/** The blocking events Authgear waits for (and fails the operation on a non-2xx answer). */
const BLOCKING_EVENTS: ReadonlySet<string> = new Set([HOOK_EVENT_TYPES.userPreCreate, HOOK_EVENT_TYPES.userProfilePreUpdate]);

// Its functions are properties, not methods: they are closures (the route and the tests build them), passed
// on unbound (`store: deps.store`), so they must not depend on `this`.
export interface HookDeps {
  /** The webhook secret (throws when none is configured). */
  secret: () => Promise<string>;
  /** Called once after a signature mismatch: a secret that changed since (emulator reset), or null. */
  reloadSecret?: () => Promise<string | null>;
  /** The state store, opened on first use. */
  store: () => Promise<HookStore>;
  /**
   * Writes enrichment for an existing user through the profile service's save path
   * (`ProfileService.enrichAndWrite`: under the user's lock, re-read, merge, whole-object write,
   * provenance of what Authgear kept); the attributes changed, or null when the user is gone.
   */
  save: (sub: string, values: readonly EnrichedValue[]) => Promise<string[] | null>;
  /**
   * user.created's run of every selected provider (phase after-sign-up; remote ones within their
   * own budgets) through the same save path, recording the runs (`ProfileService.enrichUser`).
   * Absent: no run after sign-up.
   */
  enrichUser?: (sub: string, phase: "after-sign-up", input: EnrichmentInput) => Promise<string[] | null>;
  /** Runs enrichment's providers for a phase within its budget and never throws (lib/enrichment/providers.server.ts). */
  enrich: (input: EnrichmentInput, options: EnrichmentRunOptions) => Promise<{ values: EnrichedValue[] }>;
  /** Loads slow provider data (the geo database) ahead of enrichment; part of the blocking budget. */
  warm?: () => Promise<void>;
  catalog: ProfileCatalog;
  /** Epoch milliseconds. */
  now: () => number;
  /** What pre_create wrote, until user.created records it; one per process. */
  pending: PendingProvenance;
  log?: Pick<Console, "info" | "warn" | "error">;
  /** Default BLOCKING_BUDGET_MS. */
  blockingBudgetMs?: number;
  /** Default HOOK_BODY_LIMIT_BYTES. */
  bodyLimitBytes?: number;
  /** Refuses stale and replayed events after the signature check (lib/webhook/replay-guard.ts); none = no check. */
  replay?: ReplayGuard;
  /** What a request whose signature does not verify gets; default "allow" (ADR 015). */
  badSignature?: BadSignatureMode;
  /** Where configuration problems go; default: logged and recorded in `store()`. One per process. */
  problems?: ConfigProblemReporter;
}

const reporters = new WeakMap<HookDeps, ConfigProblemReporter>();

/** The deps' reporter, or one made (once per deps object) over its store, log and clock. */
function problemsOf(deps: HookDeps): ConfigProblemReporter {
  if (deps.problems) return deps.problems;
  let reporter = reporters.get(deps);
  if (!reporter) {
    reporter = createConfigProblemReporter({ store: deps.store, log: deps.log ?? console, now: deps.now });
    reporters.set(deps, reporter);
  }
  return reporter;
}

/**
 * How long recording a configuration problem may hold up an answer: a slow state store must not
 * make a blocking answer late (Authgear would fail the sign-up). The write goes on after that.
 */
const PROBLEM_WAIT_MS = 250;

/** Waits for `task` (which never rejects), but at most `ms`. */
async function atMost(ms: number, task: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([task, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The event type a body claims, read WITHOUT trusting it (the signature did not verify): only to
 * choose between the two bad-signature answers. Null when the body is not a JSON object with a type.
 */
function claimedEventType(bytes: Uint8Array): string | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof value !== "object" || value === null) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === "string" ? type : null;
  } catch {
    return null;
  }
}

export interface HookRequest {
  /** The body exactly as received (the signature covers these bytes). */
  rawBody: Uint8Array | string;
  headers: Headers | Readonly<Record<string, string | string[] | undefined>>;
}

export interface HookResult {
  status: number;
  body: Record<string, unknown>;
}

const ALLOWED: HookResult = { status: 200, body: { is_allowed: true } };
const HANDLED: ReadonlySet<string> = new Set(Object.values(HOOK_EVENT_TYPES));

function problem(status: number, error: string, message: string): HookResult {
  return { status, body: { error, message } };
}

function header(headers: HookRequest["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** application/json, with or without parameters (charset=utf-8). */
function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type = ""] = value.split(";");
  return type.trim().toLowerCase() === "application/json";
}

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/**
 * Runs `task` with an AbortSignal that fires after `ms`; resolves to `fallback` when the time is up
 * or the task fails (logged), so a blocking answer is never late.
 */
async function withDeadline<T>(ms: number, fallback: T, task: (signal: AbortSignal) => Promise<T>, onProblem: (why: string) => void): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException("hook budget exceeded", "TimeoutError"));
      onProblem(`no result within ${ms} ms`);
      resolve(fallback);
    }, ms);
  });
  const work = task(controller.signal).catch((error: unknown) => {
    onProblem(error instanceof Error ? error.message : String(error));
    return fallback;
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the event tells enrichment: the request's IP and Authgear's context, and the user's email when Authgear says it is verified. */
function enrichmentInput(context: HookEventContext, standardAttributes?: Readonly<Record<string, unknown>>): EnrichmentInput {
  const email = verifiedEmail(standardAttributes);
  return {
    ip: context.ip_address ?? null,
    hookContext: { geo_location_code: context.geo_location_code ?? null, preferred_languages: context.preferred_languages },
    ...(email ? { email } : {}),
  };
}

export async function handleAuthgearHook(request: HookRequest, deps: HookDeps): Promise<HookResult> {
  const log = deps.log ?? console;
  const limit = deps.bodyLimitBytes ?? HOOK_BODY_LIMIT_BYTES;

  const contentType = header(request.headers, "content-type");
  if (!isJsonContentType(contentType)) {
    return problem(415, "unsupported_media_type", `Authgear hooks are sent as application/json; got ${contentType ? `"${contentType}"` : "no Content-Type"}.`);
  }
  const bytes = typeof request.rawBody === "string" ? Buffer.from(request.rawBody, "utf8") : request.rawBody;
  if (bytes.byteLength > limit) return problem(400, "body_too_large", `The body is larger than ${limit} bytes.`);

  let secret: string;
  try {
    secret = await deps.secret();
  } catch (error) {
    log.error(`[gradual] webhook: ${(error as Error).message}`);
    return problem(500, "webhook_secret_unavailable", "The webhook secret is not configured; see the server log.");
  }
  const signature = header(request.headers, HOOK_SIGNATURE_HEADER);
  if (!verifyHookSignature(secret, bytes, signature)) {
    const renewed = signature ? await deps.reloadSecret?.().catch(() => null) : null;
    if (!renewed || !verifyHookSignature(renewed, bytes, signature)) {
      const mode = deps.badSignature ?? "allow";
      await atMost(PROBLEM_WAIT_MS, problemsOf(deps).report(webhookBadSignature(mode)));
      const type = claimedEventType(bytes);
      if (mode === "allow" && type !== null && BLOCKING_EVENTS.has(type)) return ALLOWED;
      return problem(401, "invalid_signature", `Missing or invalid ${HOOK_SIGNATURE_HEADER}.`);
    }
  }
  await atMost(PROBLEM_WAIT_MS, problemsOf(deps).resolve([WEBHOOK_SIGNATURE_PROBLEM_KEY], { onlyIfSeen: true }));

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return problem(400, "malformed_json", "The body is not UTF-8 JSON.");
  }
  const envelope = anyHookEventSchema.safeParse(json);
  if (!envelope.success) return problem(400, "invalid_event", `Not an Authgear event: ${describeIssues(envelope.error)}`);
  if (deps.replay) {
    const verdict = deps.replay.check(bytes, envelope.data.context.timestamp, deps.now());
    if (!verdict.ok) {
      log.warn(`[gradual] webhook: ${verdict.error} (event ${envelope.data.id}, ${envelope.data.type}): ${verdict.message}`);
      return problem(verdict.status, verdict.error, verdict.message);
    }
  }
  if (!HANDLED.has(envelope.data.type)) return ALLOWED;
  const parsed = hookEventSchema.safeParse(json);
  if (!parsed.success) return problem(400, "invalid_event", `Invalid ${envelope.data.type} event: ${describeIssues(parsed.error)}`);

  return handleEvent(parsed.data, deps);
}

/** Dispatches a verified, parsed event. Exported for tests and benchmarks. */
export async function handleEvent(event: HookEvent, deps: HookDeps): Promise<HookResult> {
  const hooks = createEventHandlers(deps);
  switch (event.type) {
    case HOOK_EVENT_TYPES.userPreCreate:
      return hooks.preCreate(event);
    case HOOK_EVENT_TYPES.userProfilePreUpdate:
      return hooks.profilePreUpdate(event);
    case HOOK_EVENT_TYPES.userCreated:
      return hooks.nonBlocking(event, () => hooks.created(event));
    case HOOK_EVENT_TYPES.userProfileUpdated:
      return hooks.nonBlocking(event, () => hooks.profileUpdated(event));
    case HOOK_EVENT_TYPES.userAuthenticated:
      return hooks.nonBlocking(event, () => hooks.authenticated(event));
  }
}

/**
 * A question enrichment writes without the user: `fill`, or `confirm` from a field whose guess is
 * written before it is confirmed (the shared location fields, FIELDS' `prefill`). Other confirm
 * questions only get a held suggestion, offered by the prompt: nothing for these events to write.
 * A field outside the shared vocabulary may be either: counted.
 */
function writtenByEnrichment(question: { enrichment?: { field: string; mode: string } }): boolean {
  const enrichment = question.enrichment;
  if (!enrichment) return false;
  if (enrichment.mode === "fill") return true;
  const shared: EnrichmentFieldSpec | undefined = Object.hasOwn(FIELDS, enrichment.field) ? FIELDS[enrichment.field as SharedField] : undefined;
  return shared === undefined || shared.prefill === true;
}

function createEventHandlers(deps: HookDeps) {
  const log = deps.log ?? console;
  const budgetMs = deps.blockingBudgetMs ?? BLOCKING_BUDGET_MS;
  const questions = deps.catalog.questions;

  const accepts = (attribute: string, value: AttributeValue) => {
    const question = findQuestion(deps.catalog, attribute);
    return question ? answerSchema(question).safeParse(value).success : false;
  };

  async function enrich(
    event: { context: HookEventContext; payload: { user: { standard_attributes?: Readonly<Record<string, unknown>> } } },
    phase: EnrichmentPhase,
    options: { signal?: AbortSignal; consent?: ConsentState } = {},
  ): Promise<EnrichedValue[]> {
    const input = enrichmentInput(event.context, event.payload.user.standard_attributes);
    const { values } = await deps.enrich(input, { now: new Date(deps.now()), phase, ...options });
    return values;
  }

  /** Attribute → provenance for attributes whose current value is the one the user gave. */
  function userEdits(attributes: Readonly<Record<string, unknown>>, stored: Record<string, Provenance>): Record<string, Provenance> {
    const at = new Date(deps.now()).toISOString();
    const updates: Record<string, Provenance> = {};
    for (const { attribute } of questions) {
      const record = stored[attribute];
      // No record: the value's origin is unknown, which the merge rules already treat as the user's.
      if (!record) continue;
      const current = attributes[attribute];
      if (isEmptyValue(current)) {
        // Cleared by the user: remembered, so enrichment does not refill it.
        if (record.value !== undefined) updates[attribute] = { source: USER_SOURCE, confidence: 1, at, confirmed: true };
      } else if (record.value !== current) {
        updates[attribute] = { source: USER_SOURCE, confidence: 1, at, confirmed: true, value: current as AttributeValue };
      }
    }
    return updates;
  }

  async function recordUserEdits(userId: string, attributes: Readonly<Record<string, unknown>>): Promise<string[]> {
    const store = await deps.store();
    return store.withUserLock(userId, async () => {
      const updates = userEdits(attributes, await store.provenance(userId));
      await store.writeProvenance(userId, updates);
      return Object.keys(updates);
    });
  }

  /** Records the provenance of what pre_create wrote (kept in memory, or recomputed), for the values the new user has. */
  async function vouchForSignUp(event: UserCreatedEvent): Promise<void> {
    const user = event.payload.user;
    const attributes = user.custom_attributes;
    let candidates = deps.pending.take(user.id);
    if (candidates) {
      // What pre_create answered and Authgear did not store: an attribute the project lacks.
      const sent = Object.fromEntries(Object.entries(candidates).map(([attribute, record]) => [attribute, record.value]));
      await problemsOf(deps).afterWrite(sent, attributes);
    }
    if (!candidates) {
      // Not kept here (restart, another instance, or pre_create wrote nothing): recompute from the
      // same sign-up context and vouch only for values the user really has.
      const hasEnrichable = questions.some((q) => writtenByEnrichment(q) && !isEmptyValue(attributes[q.attribute]));
      if (!hasEnrichable || event.context.triggered_by !== "user") return;
      const store = await deps.store();
      if (await store.enrichmentOptOut(user.id)) return;
      const values = await enrich(event, "sign-up");
      candidates = mergeProfile({ questions, attributes: {}, provenance: {}, enriched: values, now: new Date(deps.now()), accepts }).provenance;
    }
    const store = await deps.store();
    await store.withUserLock(user.id, async () => {
      const stored = await store.provenance(user.id);
      const rows: Record<string, Provenance> = {};
      for (const [attribute, record] of Object.entries(candidates)) {
        if (record.value === undefined || attributes[attribute] !== record.value) continue;
        if (stored[attribute]?.value === record.value) continue;
        rows[attribute] = record;
      }
      await store.writeProvenance(user.id, rows);
    });
  }

  /**
   * The user exists now: every selected provider runs (phase after-sign-up; remote person and
   * company lookups within their own budgets, which Authgear does not wait on), its fill values
   * through the save path and its runs recorded, so the next prompt offers what it found.
   */
  async function afterSignUp(event: UserCreatedEvent): Promise<void> {
    if (!deps.enrichUser || event.context.triggered_by !== "user") return;
    await deps.enrichUser(event.payload.user.id, "after-sign-up", enrichmentInput(event.context, event.payload.user.standard_attributes));
  }

  return {
    async preCreate(event: UserPreCreateEvent): Promise<HookResult> {
      const user = event.payload.user;
      // Created through the Admin API or the Portal: the IP is the caller's server, not the user's.
      if (event.context.triggered_by !== "user") return ALLOWED;
      const values = await withDeadline<EnrichedValue[]>(
        budgetMs,
        [],
        async (signal) => {
          const store = await deps.store();
          if (await store.enrichmentOptOut(user.id)) return [];
          await deps.warm?.();
          if (signal.aborted) return [];
          // The user does not exist yet: no consent given, so third-party sources wait when the catalog asks for it.
          return enrich(event, "sign-up", { signal });
        },
        (why) => log.warn(`[gradual] webhook user.pre_create: enrichment skipped (${why}); the sign-up goes on without it`),
      );
      if (values.length === 0) return ALLOWED;
      const merged = mergeProfile({ questions, attributes: user.custom_attributes, provenance: {}, enriched: values, now: new Date(deps.now()), accepts });
      if (merged.changed.length === 0) return ALLOWED;
      deps.pending.put(user.id, merged.provenance);
      const body = { is_allowed: true as const, mutations: { user: { custom_attributes: merged.attributes } } };
      // Authgear refuses unknown keys (HookInvalidResponse would fail the sign-up): check our own answer.
      if (!userMutationHookResponseSchema.safeParse(body).success) {
        log.error("[gradual] webhook user.pre_create: built an invalid response; answering without mutations");
        return ALLOWED;
      }
      return { status: 200, body };
    },

    async created(event: UserCreatedEvent): Promise<void> {
      await vouchForSignUp(event);
      await afterSignUp(event);
    },

    async profilePreUpdate(event: UserProfilePreUpdateEvent): Promise<HookResult> {
      if (event.context.triggered_by !== "user") return ALLOWED;
      const user = event.payload.user;
      await withDeadline(budgetMs, [], () => recordUserEdits(user.id, user.custom_attributes), (why) =>
        log.warn(`[gradual] webhook user.profile.pre_update: provenance not recorded (${why}); allowed`),
      );
      return ALLOWED;
    },

    async profileUpdated(event: UserProfileUpdatedEvent): Promise<void> {
      if (event.context.triggered_by !== "user") return;
      await recordUserEdits(event.payload.user.id, event.payload.user.custom_attributes);
    },

    async authenticated(event: UserAuthenticatedEvent): Promise<void> {
      const user = event.payload.user;
      if (event.context.triggered_by !== "user") return;
      const empty = questions.filter((q) => writtenByEnrichment(q) && isEmptyValue(user.custom_attributes[q.attribute]));
      if (empty.length === 0) return;
      const store = await deps.store();
      if (await store.enrichmentOptOut(user.id)) return;
      const values = await enrich(event, "login", { consent: consentState(await store.enrichmentConsent(user.id)) });
      if (!empty.some((q) => values.some((v) => v.field === q.enrichment?.field))) return;
      // THE save path (the prompt's and /profile's): lock, re-read, merge, whole-object write, provenance.
      await deps.save(user.id, values);
    },

    /** Non-blocking events: Authgear ignores the answer; a failure is logged and answered 500. */
    async nonBlocking(event: HookEvent, work: () => Promise<void>): Promise<HookResult> {
      try {
        await work();
        return ALLOWED;
      } catch (error) {
        log.error(`[gradual] webhook ${event.type} (event ${event.id}, user ${event.payload.user.id}): ${(error as Error).message}`);
        return problem(500, "processing_failed", `${event.type} could not be processed; see the server log.`);
      }
    },
  };
}
