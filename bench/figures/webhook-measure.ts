/**
 * The webhook measurement proper, against any running app: check that each kind of body gets the
 * answer it should (a figure of a route answering 404 or not enriching would be meaningless),
 * warm up, then load it with autocannon at a fixed concurrency, one kind of body after the other.
 */
import type { ChildProcess } from "node:child_process";
import autocannon, { type Result } from "autocannon";
import { waitForUrl } from "../lib/processes";
import { nowNs } from "../lib/stats";
import { BENCH_SIGNUP_IP, preCreateEvent, signedRequest, unhandledEvent, type SignedRequest } from "./webhook-events";

export const HOOK_PATH = "/api/authgear/hooks";

export interface LoadResult {
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  total: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface HookMeasurement {
  connections: number;
  durationS: number;
  /** Alternating rounds of baseline then pre_create; each figure is the mean over the rounds. */
  rounds: number;
  perRound: { baseline: LoadResult; preCreate: LoadResult }[];
  /** The very first user.pre_create this server answered (includes lazy start-up work such as opening the geo database). */
  firstPreCreateMs: number;
  sample: { preCreate: unknown; unhandled: unknown; unsignedStatus: number };
  baseline: LoadResult;
  preCreate: LoadResult;
  unsigned: LoadResult;
}

/** The app answered in a way that makes the figure meaningless: reported in the table, not thrown away. */
export class SessionProblem extends Error {
  override name = "SessionProblem";
}

/** waitForUrl, with its failure reported as a finding (SessionProblem) for the table. */
export async function waitForSessionUrl(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  try {
    await waitForUrl(url, child, name, "its log in bench/results/<run>/", timeoutMs);
  } catch (error) {
    throw new SessionProblem(error instanceof Error ? error.message : String(error));
  }
}

async function post(url: string, request: SignedRequest): Promise<{ status: number; json: unknown; ms: number }> {
  const t = nowNs();
  const res = await fetch(url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const ms = (nowNs() - t) / 1e6;
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, json, ms };
}

export async function load(appUrl: string, makeRequest: () => SignedRequest, connections: number, durationS: number): Promise<LoadResult> {
  const result: Result = await autocannon({
    url: appUrl,
    connections,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: HOOK_PATH,
        // A fresh event (id, seq, timestamp, user) and signature per request: nothing is replayed.
        setupRequest: (request) => {
          const { body, headers } = makeRequest();
          return { ...request, method: "POST", path: HOOK_PATH, body, headers };
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    total: result.requests.total,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** The mean of rates and percentiles over rounds, with counts summed. */
export function combine(results: readonly LoadResult[]): LoadResult {
  if (results.length === 0) throw new Error("combine: no results");
  const mean = (pick: (r: LoadResult) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const statusCodes: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    requestsPerSecond: mean((r) => r.requestsPerSecond),
    p50: mean((r) => r.p50),
    p90: mean((r) => r.p90),
    p99: mean((r) => r.p99),
    total: results.reduce((sum, r) => sum + r.total, 0),
    statusCodes,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
  };
}

function field(json: unknown, ...path: string[]): unknown {
  let v: unknown = json;
  for (const key of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

// JSON.stringify returns undefined for undefined (its lib type says string only), so the type is widened to the truth.
const show = (json: unknown) => (JSON.stringify(json) as string | undefined)?.slice(0, 300) ?? String(json);

export async function measureHooks(
  appUrl: string,
  secret: string,
  options: { connections: number; durationS: number; warmupS: number; rounds: number },
): Promise<HookMeasurement> {
  const hookUrl = `${appUrl}${HOOK_PATH}`;
  const { connections, durationS, warmupS, rounds } = options;
  let seq = 1;
  const preCreate = () => signedRequest(preCreateEvent(seq++), secret);
  const baseline = () => signedRequest(unhandledEvent(seq++), secret);
  const unsignedRequest = () => signedRequest(unhandledEvent(seq++), null);

  // What each body must get, checked before anything is timed.
  const first = await post(hookUrl, preCreate());
  const attributes = field(first.json, "mutations", "user", "custom_attributes");
  if (first.status !== 200 || field(first.json, "is_allowed") !== true || !attributes || typeof attributes !== "object") {
    throw new SessionProblem(`user.pre_create got HTTP ${first.status} ${show(first.json)}, expected 200 with mutations.user.custom_attributes`);
  }
  if (field(attributes, "country") !== "GB" || field(attributes, "timezone") !== "Europe/London") {
    throw new SessionProblem(`user.pre_create from ${BENCH_SIGNUP_IP} was not enriched (custom_attributes ${show(attributes)}), so the figure would not measure enrichment`);
  }
  const unhandled = await post(hookUrl, baseline());
  if (unhandled.status !== 200 || show(unhandled.json) !== show({ is_allowed: true })) {
    throw new SessionProblem(`the unhandled event got HTTP ${unhandled.status} ${show(unhandled.json)}, expected 200 {"is_allowed":true}`);
  }
  const unsigned = await post(hookUrl, unsignedRequest());
  if (unsigned.status !== 401) throw new SessionProblem(`an unsigned request got HTTP ${unsigned.status}, expected 401`);

  // Warm-up (JIT, caches), not recorded.
  if (warmupS > 0) {
    await load(appUrl, baseline, connections, warmupS);
    await load(appUrl, preCreate, connections, warmupS);
  }
  // Alternating rounds, so a change in the machine's load hits both bodies alike.
  const perRound: HookMeasurement["perRound"] = [];
  for (let round = 0; round < rounds; round++) {
    const b = await load(appUrl, baseline, connections, durationS);
    const p = await load(appUrl, preCreate, connections, durationS);
    perRound.push({ baseline: b, preCreate: p });
  }
  return {
    connections,
    durationS,
    rounds,
    perRound,
    firstPreCreateMs: first.ms,
    sample: { preCreate: first.json, unhandled: unhandled.json, unsignedStatus: unsigned.status },
    baseline: combine(perRound.map((r) => r.baseline)),
    preCreate: combine(perRound.map((r) => r.preCreate)),
    unsigned: await load(appUrl, unsignedRequest, connections, durationS),
  };
}
