/**
 * The enrichment runner: asks the given providers at once, each within its own time budget and the
 * overall one, checks every answer against the provider's declared field specs
 * (field-values.ts), and keeps the best value per field. It never throws: a provider that fails,
 * hangs or answers nonsense contributes nothing, is listed in `problems` (one entry per provider
 * and run, naming the field and why) and its run says how it ended (fail open).
 *
 * Phases (types.ts): in `sign-up` a remote provider is asked only for its `cached` answer (a hit
 * counts as an answer, a miss runs nothing), so the blocking hook never waits on the network; in
 * every phase a provider's cache hit answers without a lookup (outcome "cached"). Which providers
 * run at all (opt-out, consent, ENRICHMENT_PROVIDERS) is `selectProviders` (select.ts).
 * Isomorphic and free of zod.
 */
import { checkFieldValueWithReason, fieldSpecProblem } from "./field-values";
import {
  PROVIDER_NAME_PATTERN,
  pickBest,
  type BestValues,
  type EnrichedValue,
  type EnrichmentInput,
  type EnrichmentPhase,
  type EnrichmentProvider,
} from "./types";

export interface EnrichOptions {
  /** The most the whole run may take, in milliseconds. */
  budgetMs: number;
  /** Passed to providers; observations without their own time carry it as `observedAt`. */
  now: Date;
  /** When the run happens (types.ts, ENRICHMENT_PHASES). */
  phase: EnrichmentPhase;
  /** Cancels the run (e.g. the request went away); unfinished providers end as "timeout" with a "cancelled" problem. */
  signal?: AbortSignal;
}

export type EnrichmentProblemKind = "timeout" | "cancelled" | "error" | "invalid";

export interface EnrichmentProblem {
  provider: string;
  kind: EnrichmentProblemKind;
  message: string;
}

/** How one provider's part of a run ended. */
export type RunOutcome = "found" | "nothing" | "timeout" | "error" | "invalid" | "cached";

export interface EnrichmentRun {
  provider: string;
  outcome: RunOutcome;
  elapsedMs: number;
}

export interface EnrichmentResult {
  /** The best value per field (highest confidence, then provider order). */
  best: BestValues;
  /** Every accepted observation, in provider order. */
  values: EnrichedValue[];
  problems: EnrichmentProblem[];
  /** One per provider that was asked (a remote one's cache miss in `sign-up` is not asked), in provider order. */
  runs: EnrichmentRun[];
  elapsedMs: number;
}

/** More observations than this from one provider in one answer: the rest are dropped. */
export const MAX_OBSERVATIONS = 100;

export interface AcceptedObservations {
  values: EnrichedValue[];
  /** Why values were dropped, one entry for the whole answer; absent when nothing was. */
  problem?: EnrichmentProblem;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function observedAt(raw: unknown, now: Date): string | null {
  if (raw === undefined) return now.toISOString();
  if (typeof raw !== "string" || !ISO_TIME.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** One observation as the runner accepts it, or why not. */
function acceptOne(provider: EnrichmentProvider, item: unknown, now: Date): EnrichedValue | string {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "an answer that is not an observation";
  const o = item as Record<string, unknown>;
  const field = o.field;
  if (typeof field !== "string" || !Object.hasOwn(provider.fields, field)) {
    return `${typeof field === "string" ? `"${field.slice(0, 64)}"` : "an observation without a field"} is not a declared field`;
  }
  const spec = provider.fields[field];
  if (!spec) return `"${field}" is not a declared field`;
  const checked = checkFieldValueWithReason(spec, o.value);
  if (!checked.ok) return `${field}: ${checked.why}`;
  const confidence = o.confidence;
  if (typeof confidence !== "number" || !(confidence >= 0 && confidence <= 1)) return `${field}: confidence must be a number from 0 to 1`;
  const at = observedAt(o.observedAt, now);
  if (!at) return `${field}: observedAt must be an ISO 8601 time`;
  const value: EnrichedValue = { field, value: checked.value, confidence, source: provider.name, observedAt: at };
  if (o.basis !== undefined) {
    const basis = checkFieldValueWithReason({ type: "text" }, o.basis);
    if (!basis.ok) return `${field}: basis: ${basis.why}`;
    value.basis = basis.value as string;
  }
  if (spec.prefill === true) value.prefill = true;
  return value;
}

/**
 * The observations of `raw` (a provider's answer) that are well-formed, of a field the provider
 * declared and pass the field's spec, in their canonical form and named after the provider.
 */
export function acceptObservations(provider: EnrichmentProvider, raw: unknown, now: Date): AcceptedObservations {
  if (!Array.isArray(raw)) return { values: [], problem: { provider: provider.name, kind: "invalid", message: "lookup did not return a list" } };
  const values: EnrichedValue[] = [];
  const reasons: string[] = [];
  for (const item of (raw as unknown[]).slice(0, MAX_OBSERVATIONS)) {
    const accepted = acceptOne(provider, item, now);
    if (typeof accepted === "string") reasons.push(accepted);
    else values.push(accepted);
  }
  if (raw.length > MAX_OBSERVATIONS) reasons.push(`${raw.length - MAX_OBSERVATIONS} observation(s) beyond the first ${MAX_OBSERVATIONS}`);
  if (reasons.length === 0) return { values };
  const shown = [...new Set(reasons)].slice(0, 3).join("; ");
  const dropped = raw.length - values.length;
  return { values, problem: { provider: provider.name, kind: "invalid", message: `${dropped} value(s) dropped: ${shown}${reasons.length > 3 ? "; …" : ""}` } };
}

/** What is wrong with a provider's declaration, or [] (the contract of types.ts; testing.ts checks the same). */
export function providerDeclarationProblems(provider: unknown): string[] {
  if (typeof provider !== "object" || provider === null) return ["is not a provider object"];
  const p = provider as Partial<Record<keyof EnrichmentProvider, unknown>>;
  const problems: string[] = [];
  if (typeof p.name !== "string" || !PROVIDER_NAME_PATTERN.test(p.name)) problems.push(`name ${JSON.stringify(p.name)} must match ${String(PROVIDER_NAME_PATTERN)}`);
  if (typeof p.fields !== "object" || p.fields === null || Array.isArray(p.fields) || Object.keys(p.fields).length === 0) {
    problems.push("fields must name at least one field with its spec, e.g. pickFields(\"company_name\")");
  } else {
    for (const [name, spec] of Object.entries(p.fields)) {
      const problem = fieldSpecProblem(name, spec);
      if (problem) problems.push(problem);
    }
  }
  if (typeof p.timeBudgetMs !== "number" || !Number.isFinite(p.timeBudgetMs) || p.timeBudgetMs <= 0) problems.push("timeBudgetMs must be a positive number of milliseconds");
  if (typeof p.thirdParty !== "boolean") problems.push("thirdParty must be true or false");
  if (p.remote !== undefined && typeof p.remote !== "boolean") problems.push("remote must be true, false or absent");
  if (typeof p.lookup !== "function") problems.push("lookup must be a function");
  if (p.cached !== undefined && typeof p.cached !== "function") problems.push("cached must be a function or absent");
  if (p.description !== undefined && (typeof p.description !== "string" || p.description.length > 200)) problems.push("description must be text of at most 200 characters");
  return problems;
}

interface Outcome {
  values: EnrichedValue[];
  problems: EnrichmentProblem[];
  outcome: RunOutcome;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function answered(accepted: AcceptedObservations, hit: boolean): Outcome {
  const problems = accepted.problem ? [accepted.problem] : [];
  if (accepted.values.length > 0) return { values: accepted.values, problems, outcome: hit ? "cached" : "found" };
  if (accepted.problem) return { values: [], problems, outcome: "invalid" };
  return { values: [], problems, outcome: hit ? "cached" : "nothing" };
}

/** A cache hit (answered), a miss (undefined), or the provider's `cached` threw (an error outcome). */
function fromCache(provider: EnrichmentProvider, input: EnrichmentInput, now: Date, phase: EnrichmentPhase): Outcome | undefined {
  if (!provider.cached) return undefined;
  try {
    const hit = provider.cached(input, { now, phase });
    return hit === undefined ? undefined : answered(acceptObservations(provider, hit, now), true);
  } catch (error) {
    return { values: [], problems: [{ provider: provider.name, kind: "error", message: `cached: ${errorMessage(error)}` }], outcome: "error" };
  }
}

function lookupOne(
  provider: EnrichmentProvider,
  input: EnrichmentInput,
  now: Date,
  phase: EnrichmentPhase,
  overall: AbortSignal,
  overallBudgetMs: number,
): Promise<Outcome> {
  const budgetMs = Math.max(0, Math.min(Number.isFinite(provider.timeBudgetMs) ? provider.timeBudgetMs : 0, overallBudgetMs));
  const own = new AbortController();
  const signal = AbortSignal.any([own.signal, overall]);

  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      const cancelled = overall.aborted && overall.reason instanceof Error && overall.reason.name === "AbortError";
      finish({
        values: [],
        outcome: "timeout",
        problems: [
          cancelled
            ? { provider: provider.name, kind: "cancelled", message: "the run was cancelled" }
            : { provider: provider.name, kind: "timeout", message: `no answer within ${budgetMs} ms` },
        ],
      });
    };
    const timer = setTimeout(() => own.abort(new DOMException("provider budget exceeded", "TimeoutError")), budgetMs);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve()
      .then(() => provider.lookup(input, { signal, now, phase }))
      .then(
        (values) => finish(answered(acceptObservations(provider, values, now), false)),
        (error: unknown) => {
          const timeout = isAbortLike(error);
          finish({ values: [], outcome: timeout ? "timeout" : "error", problems: [{ provider: provider.name, kind: timeout ? "timeout" : "error", message: errorMessage(error) }] });
        },
      );
  });
}

/** Runs the providers in parallel and merges what they found. Never throws. */
export async function enrich(
  providers: readonly EnrichmentProvider[],
  input: EnrichmentInput,
  options: EnrichOptions,
): Promise<EnrichmentResult> {
  const started = Date.now();
  const { now, phase } = options;
  const budgetMs = Number.isFinite(options.budgetMs) ? Math.max(0, options.budgetMs) : 0;
  const overall = new AbortController();
  const overallTimer = setTimeout(() => overall.abort(new DOMException("enrichment budget exceeded", "TimeoutError")), budgetMs);
  const onCancel = () => overall.abort(new DOMException("enrichment cancelled", "AbortError"));
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener("abort", onCancel, { once: true });

  try {
    const outcomes = await Promise.all(
      providers.map(async (provider): Promise<(Outcome & { provider: string; elapsedMs: number }) | null> => {
        const t0 = Date.now();
        const hit = fromCache(provider, input, now, phase);
        let outcome: Outcome | undefined = hit;
        if (!outcome) {
          // A remote lookup may take seconds: never in the blocking sign-up hook.
          if (phase === "sign-up" && provider.remote === true) return null;
          outcome = await lookupOne(provider, input, now, phase, overall.signal, budgetMs);
        }
        return { ...outcome, provider: provider.name, elapsedMs: Date.now() - t0 };
      }),
    );
    const ran = outcomes.filter((o) => o !== null);
    const values = ran.flatMap((o) => o.values);
    return {
      best: pickBest(values),
      values,
      problems: ran.flatMap((o) => o.problems),
      runs: ran.map((o) => ({ provider: o.provider, outcome: o.outcome, elapsedMs: o.elapsedMs })),
      elapsedMs: Date.now() - started,
    };
  } finally {
    clearTimeout(overallTimer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}
