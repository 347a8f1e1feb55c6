/**
 * Hook delivery as Authgear does it (contract §5): envelopes with a persisted sequence number,
 * signed POSTs (x-authgear-body-signature), blocking handlers in configuration order with a
 * per-hook and a total timeout, responses validated strictly, mutations passed along the chain
 * and returned for the caller to validate once; non-blocking handlers fire and forget.
 */
import {
  blockingResponseSchemaFor,
  hookEventId,
  type HookEventContext,
  type HookIdentity,
  type HookSession,
  type HookUser,
  type TriggeredBy,
  type UserMutations,
} from "@/lib/authgear/hook-events";
import { signHookBody } from "@/lib/authgear/hook-signature";
import { HOOK_SIGNATURE_HEADER, HOOK_TIMEOUTS } from "@/lib/authgear/protocol";
import type { ResolvedConfig } from "./config";
import { resolveLanguage } from "./languages";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[emulator] ${m}`),
  warn: (m) => console.warn(`[emulator] ${m}`),
  error: (m) => console.error(`[emulator] ${m}`),
};

/** What the request tells us about who triggered an event (the rest of the context is derived). */
export interface EventOrigin {
  triggeredBy: TriggeredBy;
  userId: string | null;
  auditContext: Record<string, unknown>;
  /** As Authgear parses them (languages.ts preferredLanguages): ui_locales, else Accept-Language. */
  preferredLanguages: string[];
  ipAddress?: string;
  userAgent?: string;
  clientId?: string;
  oauth?: { state?: string; x_state?: string };
}

export interface HookPayload {
  user: HookUser;
  identities?: HookIdentity[];
  session?: HookSession;
}

export type HookErrorReason = "HookDisallowed" | "HookInvalidResponse" | "HookDeliveryTimeout" | "HookDeliveryUnknownFailure";

/** A blocking hook stopped the operation; carries Authgear's API error fields. */
export class HookError extends Error {
  override name = "HookError";
  constructor(
    readonly reason: HookErrorReason,
    message: string,
    readonly info: Record<string, unknown>,
  ) {
    super(message);
  }
  get errorName(): "Forbidden" | "InternalError" {
    return this.reason === "HookDisallowed" ? "Forbidden" : "InternalError";
  }
  /** Denial reasons as {title, reason}, for HookDisallowed. */
  get reasons(): { title: string; reason: string }[] {
    return (this.info.reasons as { title: string; reason: string }[] | undefined) ?? [];
  }
}

export class HookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lifetime = new AbortController();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly secret: string,
    private readonly nextSeq: () => number,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    /** failOpen (local development only): unreachable or slow blocking hooks count as allowed. */
    private readonly options: { failOpen?: boolean } = {},
  ) {}

  makeContext(origin: EventOrigin): HookEventContext {
    return {
      timestamp: Math.floor(this.now().getTime() / 1000),
      user_id: origin.userId,
      triggered_by: origin.triggeredBy,
      audit_context: origin.auditContext,
      preferred_languages: origin.preferredLanguages,
      language: resolveLanguage(origin.preferredLanguages, this.config.localization),
      ...(origin.oauth && (origin.oauth.state || origin.oauth.x_state) ? { oauth: origin.oauth } : {}),
      ...(origin.ipAddress ? { ip_address: origin.ipAddress } : {}),
      geo_location_code: null,
      ...(origin.userAgent ? { user_agent: origin.userAgent } : {}),
      app_id: this.config.projectId,
      ...(origin.clientId ? { client_id: origin.clientId } : {}),
    };
  }

  private envelope(type: string, payload: HookPayload, context: HookEventContext, seq: number): string {
    return JSON.stringify({ id: hookEventId(seq), seq, type, payload, context });
  }

  private post(url: string, body: string, timeoutMs: number): Promise<Response> {
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [HOOK_SIGNATURE_HEADER]: signHookBody(this.secret, body) },
      body,
      redirect: "manual",
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.lifetime.signal]),
    });
  }

  /**
   * Runs the blocking handlers of `type` in order. Returns the accumulated mutations (each key the
   * last hook set, whole objects), or null when no handler is configured. Throws HookError.
   * The mutations are NOT validated here: the caller validates them once, as Authgear does.
   */
  async runBlocking(type: string, payload: HookPayload, origin: EventOrigin): Promise<UserMutations | null> {
    const handlers = this.config.hooks.blocking.filter((h) => h.event === type);
    if (handlers.length === 0) return null;
    const context = this.makeContext(origin);
    const seq = this.nextSeq();
    const deadline = Date.now() + this.config.hooks.totalTimeoutMs;
    let current: HookPayload = { ...payload, user: { ...payload.user } };
    const mutations: UserMutations = {};

    for (const handler of handlers) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new HookError("HookDeliveryTimeout", "webhook delivery timeout", { event_type: type, url: handler.url });
      }
      const timeoutMs = Math.min(this.config.hooks.eachTimeoutMs, remaining);
      const body = this.envelope(type, current, context, seq);
      let status: number;
      let text: string;
      try {
        const res = await this.post(handler.url, body, timeoutMs);
        status = res.status;
        text = await res.text();
      } catch (err) {
        const name = (err as Error).name;
        if (this.options.failOpen && !this.lifetime.signal.aborted) {
          const why = name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (err as Error).message;
          this.logger.warn(
            `blocking hook ${type} → ${handler.url}: ${why}; counted as allowed without mutations (--hooks-fail-open; Authgear would fail the operation)`,
          );
          continue;
        }
        if (name === "TimeoutError") {
          this.logger.warn(`blocking hook ${type} → ${handler.url}: no answer within ${timeoutMs} ms (HookDeliveryTimeout)`);
          throw new HookError("HookDeliveryTimeout", "webhook delivery timeout", { event_type: type, url: handler.url });
        }
        this.logger.warn(`blocking hook ${type} → ${handler.url}: ${(err as Error).message}`);
        throw new HookError("HookDeliveryUnknownFailure", "webhook delivery failed", { event_type: type, url: handler.url });
      }
      if (status < 200 || status > 299) {
        this.logger.warn(`blocking hook ${type} → ${handler.url}: HTTP ${status} (HookInvalidResponse)`);
        throw new HookError("HookInvalidResponse", `invalid response: HTTP ${status}`, { event_type: type, url: handler.url, status });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.logger.warn(`blocking hook ${type} → ${handler.url}: the body is not JSON (HookInvalidResponse)`);
        throw new HookError("HookInvalidResponse", "invalid response body: not JSON", { event_type: type, url: handler.url });
      }
      const parsed = blockingResponseSchemaFor(type).safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
        this.logger.warn(`blocking hook ${type} → ${handler.url}: invalid response body (${problems})`);
        throw new HookError("HookInvalidResponse", `invalid response body: ${problems}`, { event_type: type, url: handler.url });
      }
      const response = parsed.data;
      if (!response.is_allowed) {
        const reasons = [{ title: response.title ?? "", reason: response.reason ?? "" }];
        throw new HookError("HookDisallowed", "disallowed by web-hook event handler", { event_type: type, reasons });
      }
      const userMutations = response.mutations?.user;
      if (userMutations) {
        // Whole-object replacement, passed on to the next hook unvalidated.
        const user = { ...current.user };
        if (userMutations.custom_attributes) user.custom_attributes = userMutations.custom_attributes;
        if (userMutations.standard_attributes) user.standard_attributes = userMutations.standard_attributes;
        if (userMutations.roles) user.roles = userMutations.roles;
        if (userMutations.groups) user.groups = userMutations.groups;
        current = { ...current, user };
        Object.assign(mutations, userMutations);
      }
    }
    return mutations;
  }

  /** Sends `type` to every non-blocking handler subscribed to it; never throws, never waits. */
  dispatchNonBlocking(type: string, payload: HookPayload, origin: EventOrigin): void {
    const handlers = this.config.hooks.nonBlocking.filter((h) => h.events.includes(type) || h.events.includes("*"));
    if (handlers.length === 0) return;
    const body = this.envelope(type, payload, this.makeContext(origin), this.nextSeq());
    for (const handler of handlers) {
      const delivery = this.post(handler.url, body, HOOK_TIMEOUTS.nonBlockingMs)
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status < 200 || res.status > 299) this.logger.warn(`non-blocking hook ${type} → ${handler.url}: HTTP ${res.status} (ignored)`);
        })
        .catch((err: unknown) => this.logger.warn(`non-blocking hook ${type} → ${handler.url}: ${err instanceof Error ? err.message : String(err)} (ignored)`))
        .finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  /** Resolves once every non-blocking delivery started so far has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Aborts deliveries still in flight (on shutdown). */
  close(): void {
    this.lifetime.abort();
  }
}
