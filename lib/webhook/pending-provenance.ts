/**
 * What `user.pre_create` wrote, kept until `user.created` can record it.
 *
 * Provenance is stored per user, but at `user.pre_create` the user does not exist yet: Authgear has
 * already chosen its ID (the payload's `user.id`, which `user.created` repeats), but the sign-up can
 * still fail after our answer (a later hook denies, or the mutations fail validation). So the
 * records wait here, in memory, keyed by that ID, for a few minutes. Bounded (oldest dropped first)
 * and process-local: a restart or another instance loses them, and the webhook then recomputes the
 * observations instead (see handler.server.ts). No IP address is kept, only derived values.
 * Isomorphic.
 */
import type { Provenance } from "@/lib/domain";

export const PENDING_TTL_MS = 10 * 60_000;
export const PENDING_MAX_ENTRIES = 10_000;

export interface PendingProvenanceOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

export class PendingProvenance {
  private readonly entries = new Map<string, { records: Record<string, Provenance>; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: PendingProvenanceOptions = {}) {
    this.ttlMs = options.ttlMs ?? PENDING_TTL_MS;
    this.maxEntries = Math.max(1, options.maxEntries ?? PENDING_MAX_ENTRIES);
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Remembers the records for `userId`, replacing earlier ones. */
  put(userId: string, records: Record<string, Provenance>): void {
    const now = this.now();
    this.entries.delete(userId);
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
    this.entries.set(userId, { records: { ...records }, expiresAt: now + this.ttlMs });
  }

  /** Returns and forgets the records for `userId`; undefined when none or expired. */
  take(userId: string): Record<string, Provenance> | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    this.entries.delete(userId);
    return entry.expiresAt > this.now() ? entry.records : undefined;
  }
}
