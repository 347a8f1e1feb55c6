/**
 * "Once per incident" (contract §2): the enrichment service logs each (provider, kind) problem at
 * most once per window (10 minutes), naming the provider and why, so a provider that fails on every
 * request writes one line, not thousands. Isomorphic; the clock is injected.
 */
import type { EnrichmentProblem } from "./enrich";

export const PROBLEM_LOG_WINDOW_MS = 10 * 60 * 1000;

export interface ProblemThrottle {
  /** Logs the problems not logged for their (provider, kind) within the window; returns how many it logged. */
  report(problems: readonly EnrichmentProblem[]): number;
}

export function createProblemThrottle(options: {
  log: Pick<Console, "warn">;
  /** Epoch milliseconds. */
  now: () => number;
  windowMs?: number;
  /** At most this many (provider, kind) pairs remembered; the oldest are forgotten first. */
  maxKeys?: number;
}): ProblemThrottle {
  const windowMs = options.windowMs ?? PROBLEM_LOG_WINDOW_MS;
  const maxKeys = options.maxKeys ?? 1000;
  const last = new Map<string, number>();
  return {
    report(problems) {
      let logged = 0;
      const now = options.now();
      for (const p of problems) {
        const key = `${p.provider}\u0000${p.kind}`;
        const at = last.get(key);
        if (at !== undefined && now - at < windowMs) continue;
        last.delete(key);
        last.set(key, now);
        if (last.size > maxKeys) last.delete(last.keys().next().value as string);
        options.log.warn(`[gradual] enrichment: provider "${p.provider}" ${p.kind}: ${p.message} (logged once per ${Math.round(windowMs / 60_000)} min per provider and kind)`);
        logged += 1;
      }
      return logged;
    },
  };
}
