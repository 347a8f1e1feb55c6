/**
 * Slow person source (issue 17): a sign-up while the FullContact stand-in takes 2 s to answer.
 * user.pre_create must answer within its budget without waiting for the person lookup (in the
 * sign-up phase a remote provider is asked only for a cached answer), and the lookup that
 * user.created runs must leave its answer in the store for the next prompt. The work runs in
 * figures/slow-person-session.ts under the build lock (bench/lib/build-lock.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runLockedSession } from "../lib/build-lock";
import type { Figure, Row } from "../lib/types";
import type { SlowPersonResult } from "./slow-person-session";
import { ROUTE_FILES } from "./webhook";

const round1 = (n: number) => Math.round(n * 10) / 10;

export const slowPersonFigure: Figure = {
  name: "slow-person",
  description: "a sign-up while the FullContact stand-in takes 2 s: user.pre_create's answer time, and the time until the person's answer is stored for the next prompt",
  async run(context) {
    const { root, resultsDir, log } = context;
    if (!ROUTE_FILES.some((f) => existsSync(join(root, f)))) {
      return [{ metric: "skipped (route not found)", value: null, unit: "" }];
    }
    log("slow-person: waiting for the build lock, then next build, emulator + stand-ins, next start…");
    const result = await runLockedSession<SlowPersonResult | { problem: string }>("slow-person", "bench/figures/slow-person-session.ts", ["--logs", resultsDir], context, 420_000);
    if (Array.isArray(result)) return result;
    if ("problem" in result) {
      log(`slow-person: not measured: ${result.problem}`);
      return [{ metric: "not measured", value: null, unit: "", note: result.problem }];
    }
    const { preCreate } = result;
    const setup = `slow-ana@acme-robotics.com, FullContact stand-in delay ${result.standinDelayMs} ms, FULLCONTACT=on, loopback, next start (build took ${Math.round(result.buildS)} s)`;
    const statuses = preCreate.statuses.join(", ");
    const rows: Row[] = [
      {
        metric: "user.pre_create while the person source takes 2 s, p50",
        value: round1(preCreate.p50),
        unit: "ms",
        better: "lower",
        note: `${setup}; ${preCreate.samples} sequential requests, all HTTP ${statuses}; max ${round1(preCreate.max)} ms against a budget of ${result.budgetMs} ms (Authgear allows 5 s); person requests during pre_create: ${result.personRequestsDuringPreCreate} (it asks the cache only)`,
      },
      { metric: "user.pre_create while the person source takes 2 s, max", value: round1(preCreate.max), unit: "ms", better: "lower", baseline: "its budget (ENRICHMENT_BUDGET_MS)", baselineValue: result.budgetMs },
      {
        metric: "user.created answered (the app awaits the person lookup; Authgear does not wait on it)",
        value: Math.round(result.createdMs),
        unit: "ms",
        note: `HTTP ${result.createdStatus}; consent recorded in the store first, as the prompt's consent answer would (the demo catalog asks before third-party sources run)`,
      },
      {
        metric: "time until the person's answer is stored for the next prompt",
        value: result.storedMs === null ? null : Math.round(result.storedMs),
        unit: "ms",
        // The delay is the floor the lookup cannot beat: the ratio says the overhead, not a loss.
        baseline: "the stand-in's delay (the floor)",
        baselineValue: result.standinDelayMs,
        note:
          result.storedMs === null
            ? "not stored within 15 s"
            : `enrichment_run of fullcontact-person holds job_title "${result.jobTitle ?? ""}" (the next prompt offers it to confirm); ${result.personRequests} person request(s) in all`,
      },
    ];
    return rows;
  },
};
