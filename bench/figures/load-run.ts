/**
 * Runs bench/load/session.ts for a figure under the team's build lock (the load build writes
 * .data/next-load and the machine has two cores to share), like figures/webhook.ts.
 */
import { join } from "node:path";
import { ChildFailed, runChild } from "../lib/child";
import type { FigureContext, Row } from "../lib/types";
import type { SessionResult } from "../load/settings";

const LOCK = process.env.BENCH_BUILD_LOCK ?? "/tmp/team/e2e.lock";
const LOCK_WAIT_S = 180;
const LOCK_BUSY_EXIT = 75;

export async function runLoadSession(figure: "multi-instance" | "load", { root, resultsDir, log }: FigureContext): Promise<SessionResult | Row[]> {
  log(`${figure}: waiting for ${LOCK} (up to ${LOCK_WAIT_S} s), then the load build, emulators, next start ×3, PostgreSQL…`);
  try {
    return await runChild<SessionResult>(join(root, "bench/load/session.ts"), ["--figure", figure, "--logs", resultsDir], {
      root,
      dir: resultsDir,
      timeoutMs: 420_000,
      wrapper: ["flock", "-w", String(LOCK_WAIT_S), "-E", String(LOCK_BUSY_EXIT), LOCK],
      log: (line) => log(`  ${line}`),
    });
  } catch (error) {
    if (error instanceof ChildFailed && error.exitCode === LOCK_BUSY_EXIT) {
      log(`${figure}: skipped (${LOCK} busy for ${LOCK_WAIT_S} s)`);
      return [{ metric: `skipped (the build lock ${LOCK} stayed busy for ${LOCK_WAIT_S} s)`, value: null, unit: "" }];
    }
    throw error;
  }
}

/** p-th percentile (nearest rank) of a list, or null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
