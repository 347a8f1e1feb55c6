/**
 * Webhook: latency (p50, p99) and throughput of POST /api/authgear/hooks on a production build,
 * at a fixed concurrency, with autocannon. The enrichment path (a signed user.pre_create from
 * 81.2.69.142) is measured against, in the same run and server, a signed event the route does not
 * handle (signature check and envelope parse only), so the ratio is the enrichment's cost; an
 * unsigned request (401) is shown for reference. The work runs in figures/webhook-session.ts under
 * the build lock (bench/lib/build-lock.ts), since `next build` writes the shared .next directory.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runLockedSession } from "../lib/build-lock";
import type { Figure, Row } from "../lib/types";
import type { LoadResult } from "./webhook-measure";
import type { WebhookSessionResult } from "./webhook-session";

export const ROUTE_FILES = ["app/api/authgear/hooks/route.ts", "app/api/authgear/hooks/route.tsx", "app/api/authgear/hooks/route.js"];
const CONNECTIONS = 10;
const DURATION_S = 10;
const ROUNDS = 2;

function skipped(reason: string): Row[] {
  return [{ metric: `skipped (${reason})`, value: null, unit: "" }];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const ok = (r: LoadResult, status: string) => {
  const other = Object.entries(r.statusCodes).filter(([code]) => code !== status);
  return other.length === 0 && r.errors === 0 && r.timeouts === 0
    ? `all ${r.total.toLocaleString("en")} answered ${status}`
    : `${r.total.toLocaleString("en")} requests; unexpected: ${other.map(([c, n]) => `${n}× HTTP ${c}`).join(", ") || "none"}, ${r.errors} errors, ${r.timeouts} timeouts`;
};

export const webhookFigure: Figure = {
  name: "webhook",
  description: `POST /api/authgear/hooks on next start: user.pre_create (enrichment) vs an unhandled signed event, ${CONNECTIONS} connections, ${ROUNDS} alternating ${DURATION_S} s runs each, autocannon`,
  async run(context) {
    const { root, resultsDir, log } = context;
    if (!ROUTE_FILES.some((f) => existsSync(join(root, f)))) {
      log("webhook: skipped (route not found)");
      return skipped("route not found: app/api/authgear/hooks/route.ts does not exist yet");
    }
    log("webhook: waiting for the build lock, then next build, emulator, next start, autocannon…");
    const result = await runLockedSession<WebhookSessionResult | { problem: string }>(
      "webhook",
      "bench/figures/webhook-session.ts",
      ["--logs", resultsDir, "--connections", String(CONNECTIONS), "--duration", String(DURATION_S), "--rounds", String(ROUNDS)],
      context,
      540_000,
    );
    if (Array.isArray(result)) return result;
    if ("problem" in result) {
      log(`webhook: not measured: ${result.problem}`);
      return [{ metric: "not measured", value: null, unit: "", note: result.problem }];
    }
    const { baseline, preCreate, unsigned } = result;
    const base = "unhandled signed event (signature + parse only)";
    const setup = `${result.connections} connections, mean of ${result.rounds} alternating ${result.durationS} s runs per body after a warm-up, loopback, next start (build took ${Math.round(result.buildS)} s)`;
    return [
      {
        metric: "user.pre_create from 81.2.69.142, p50 latency",
        value: round1(preCreate.p50),
        unit: "ms",
        better: "lower",
        baseline: base,
        baselineValue: round1(baseline.p50),
        note: `${setup}; pre_create: ${ok(preCreate, "200")}; baseline: ${ok(baseline, "200")}`,
      },
      { metric: "user.pre_create from 81.2.69.142, p99 latency", value: round1(preCreate.p99), unit: "ms", better: "lower", baseline: base, baselineValue: round1(baseline.p99) },
      {
        metric: "user.pre_create from 81.2.69.142, throughput",
        value: Math.round(preCreate.requestsPerSecond),
        unit: "req/s",
        better: "higher",
        baseline: base,
        baselineValue: Math.round(baseline.requestsPerSecond),
      },
      {
        metric: "unsigned request (401), p50 / p99 latency",
        value: round1(unsigned.p50),
        unit: "ms",
        note: `p99 ${unsigned.p99} ms, ${Math.round(unsigned.requestsPerSecond)} req/s; ${ok(unsigned, "401")}`,
      },
      {
        metric: "first user.pre_create after next start",
        value: Math.round(result.firstPreCreateMs),
        unit: "ms",
        better: "lower",
        note: "one request, before any warm-up: includes the lazy work of the first call (opening the geo database unless warmed at start-up)",
      },
    ];
  },
};
