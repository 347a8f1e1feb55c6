/**
 * Multi-instance (issue 6.4, ADR 013): 100 saves at once for ONE user, each on a different
 * attribute of the load catalog, through the real Server Action over HTTP, alternating between two
 * `next start` processes sharing one PostgreSQL (the advisory lock serializes them), against the
 * same on one instance over SQLite (in-process lock) in the same run; then every value is counted
 * in Authgear through the Admin API. Median of 3 alternating rounds; lost summed over all rounds.
 */
import { median } from "../lib/stats";
import type { Figure, Row } from "../lib/types";
import type { ParallelSavesResult } from "../load/scenarios";
import { PARALLEL_ROUNDS, PARALLEL_SUBMISSIONS } from "../load/settings";
import { round1, runLoadSession } from "./load-run";
import { defined } from "@/lib/defined";

const sum = (rs: ParallelSavesResult[], key: "lost" | "errors") => rs.reduce((n, r) => n + r[key], 0);

export const multiInstanceFigure: Figure = {
  name: "multi-instance",
  description: `${PARALLEL_SUBMISSIONS} parallel saves for one user on different attributes: PostgreSQL with 2 next start instances vs SQLite with 1, lost counted via the Admin API`,
  async run(context) {
    const result = await runLoadSession("multi-instance", context);
    if (Array.isArray(result)) return result;
    const { sqlite, postgres } = defined(result.parallel, "the load session's parallel-saves result");
    const pg = postgres.length > 0;
    const setup = `${PARALLEL_SUBMISSIONS} saves per round, ${PARALLEL_ROUNDS} alternating rounds, a new user per round, loopback, load build (${result.buildS > 0 ? `built in ${Math.round(result.buildS)} s` : "up to date"})`;
    const base = `SQLite, 1 instance`;
    const rows: Row[] = [
      {
        metric: pg ? "PostgreSQL, 2 instances: saves/s (one user)" : "PostgreSQL, 2 instances: not measured (no PostgreSQL binaries)",
        value: pg ? round1(median(postgres.map((r) => r.perSecond))) : null,
        unit: "saves/s",
        better: "higher",
        baseline: base,
        baselineValue: round1(median(sqlite.map((r) => r.perSecond))),
        note: setup,
      },
      {
        metric: "values lost (every save's value read back from Authgear)",
        value: pg ? sum(postgres, "lost") : null,
        unit: `of ${PARALLEL_SUBMISSIONS * PARALLEL_ROUNDS}`,
        better: "lower",
        baseline: base,
        baselineValue: sum(sqlite, "lost"),
      },
      {
        metric: "failed saves",
        value: pg ? sum(postgres, "errors") : null,
        unit: `of ${PARALLEL_SUBMISSIONS * PARALLEL_ROUNDS}`,
        better: "lower",
        baseline: base,
        baselineValue: sum(sqlite, "errors"),
        note: [...sqlite, ...postgres].flatMap((r) => r.errorSamples).slice(0, 3).join("; ") || undefined,
      },
    ];
    return rows;
  },
};
