/**
 * Runs bench/load/session.ts for a figure under the build lock (bench/lib/build-lock.ts) (the load build writes
 * .data/next-load and the machine has two cores to share), like figures/webhook.ts.
 */
import { runLockedSession } from "../lib/build-lock";
import type { FigureContext, Row } from "../lib/types";
import type { SessionResult } from "../load/settings";

export function runLoadSession(figure: "multi-instance" | "load", context: FigureContext): Promise<SessionResult | Row[]> {
  context.log(`${figure}: waiting for the build lock, then the load build, emulators, next start ×3, PostgreSQL…`);
  return runLockedSession<SessionResult>(figure, "bench/load/session.ts", ["--figure", figure, "--logs", context.resultsDir], context, 420_000);
}

/** p-th percentile (nearest rank) of a list, or null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
