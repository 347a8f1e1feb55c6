/**
 * Replay protection for Authgear's webhook (docs/decisions/012-security.md).
 *
 * Authgear signs the body only (`x-authgear-body-signature` = HMAC-SHA256 of the raw bytes, no
 * timestamp in the signature), so a captured request stays correctly signed forever. What makes a
 * body unique is inside it: the event `id`/`seq` and `context.timestamp` (unix seconds). So, after
 * the signature has been verified (an unsigned request can neither pass nor fill the memory):
 *  1. an event whose `context.timestamp` is more than `windowMs` away from this server's clock is
 *     refused as stale (Authgear delivers at once and never retries a webhook, contract §5.4);
 *  2. an event whose exact body was already accepted within the window is refused as replayed.
 * Together they refuse every replay: an old body by (1), a recent one by (2). The memory holds the
 * SHA-256 of each body for `windowMs` only, at most `maxEntries` (oldest dropped first), per process:
 * several instances behind a load balancer each keep their own (see ADR 012).
 */
import { createHash } from "node:crypto";

/** Five minutes either way: the clock skew Authgear itself allows for Admin API tokens (contract §3.1). */
export const REPLAY_WINDOW_MS = 5 * 60_000;
export const REPLAY_MAX_ENTRIES = 100_000;

export type ReplayVerdict = { ok: true } | { ok: false; status: 400 | 409; error: "stale_event" | "replayed_event"; message: string };

export class ReplayGuard {
  readonly windowMs: number;
  private readonly maxEntries: number;
  /** body digest → epoch ms when it was accepted; insertion order = acceptance order. */
  private readonly seen = new Map<string, number>();

  constructor(options: { windowMs?: number; maxEntries?: number } = {}) {
    this.windowMs = options.windowMs ?? REPLAY_WINDOW_MS;
    this.maxEntries = options.maxEntries ?? REPLAY_MAX_ENTRIES;
  }

  /** Checks a verified event's body and timestamp at `nowMs`; remembers the body when accepted. */
  check(body: Uint8Array, timestampSeconds: number, nowMs: number): ReplayVerdict {
    const skewMs = nowMs - timestampSeconds * 1000;
    if (!Number.isFinite(skewMs) || Math.abs(skewMs) > this.windowMs) {
      const minutes = this.windowMs / 60_000;
      const when = skewMs > 0 ? `${Math.round(skewMs / 1000)} s old` : `${Math.round(-skewMs / 1000)} s in the future`;
      return {
        ok: false,
        status: 400,
        error: "stale_event",
        message: `The event's context.timestamp is ${when}; events more than ${minutes} min from this server's clock are refused (replay protection).`,
      };
    }
    this.prune(nowMs);
    const digest = createHash("sha256").update(body).digest("base64url");
    if (this.seen.has(digest)) {
      return { ok: false, status: 409, error: "replayed_event", message: "This exact signed event was already received: a replayed request is refused." };
    }
    this.seen.set(digest, nowMs);
    for (const oldest of this.seen.keys()) {
      if (this.seen.size <= this.maxEntries) break;
      this.seen.delete(oldest);
    }
    return { ok: true };
  }

  /** How many bodies are remembered (tests). */
  get size(): number {
    return this.seen.size;
  }

  private prune(nowMs: number): void {
    for (const [digest, at] of this.seen) {
      if (nowMs - at <= this.windowMs) break;
      this.seen.delete(digest);
    }
  }
}
