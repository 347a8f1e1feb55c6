/**
 * The enrichment runner: asks every provider at once, each within its own time budget and the
 * overall one, and keeps the best value per field. It never throws: a provider that fails,
 * hangs or answers nonsense contributes nothing and is listed in `problems` (fail open).
 * Runs on the server. Free of server-only code, but it checks providers' answers with zod classic,
 * so no module a client component reaches may import it (ADR 014).
 */
import { z } from "zod";
import {
  pickBest,
  type BestValues,
  type EnrichedValue,
  type EnrichmentInput,
  type EnrichmentProvider,
} from "./types";

const confidence = z.number().min(0).max(1);
const base = { confidence, source: z.string().min(1), observedAt: z.iso.datetime({ offset: true }) };
const text = z.string().trim().min(1).max(200);

/** An EnrichedValue as data (for values read back from storage or handed in by a provider). */
export const enrichedValueSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("city"), value: text, ...base }),
  z.object({ field: z.literal("region"), value: text, ...base }),
  z.object({ field: z.literal("country"), value: z.string().regex(/^[A-Z]{2}$/), ...base }),
  z.object({ field: z.literal("timezone"), value: z.string().min(1).max(64), ...base }),
  z.object({ field: z.literal("languages"), value: z.array(z.string().min(1).max(35)).min(1).max(10), ...base }),
]);

export interface EnrichOptions {
  /** The most the whole run may take, in milliseconds. */
  budgetMs: number;
  /** Passed to providers; observations carry it as `observedAt`. */
  now: Date;
  /** Cancels the run (e.g. the request went away); counts as a problem for unfinished providers. */
  signal?: AbortSignal;
}

export type EnrichmentProblemKind = "timeout" | "cancelled" | "error" | "invalid";

export interface EnrichmentProblem {
  provider: string;
  kind: EnrichmentProblemKind;
  message: string;
}

export interface EnrichmentResult {
  /** The best value per field (highest confidence, then provider order). */
  best: BestValues;
  /** Every valid observation, in provider order. */
  values: EnrichedValue[];
  problems: EnrichmentProblem[];
  elapsedMs: number;
}

interface Outcome {
  values: EnrichedValue[];
  problems: EnrichmentProblem[];
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** Keeps the values that are well-formed and of a field the provider declared. */
function validated(provider: EnrichmentProvider, raw: unknown): Outcome {
  if (!Array.isArray(raw)) {
    return { values: [], problems: [{ provider: provider.name, kind: "invalid", message: "lookup did not return a list" }] };
  }
  const values: EnrichedValue[] = [];
  let rejected = 0;
  for (const item of raw) {
    const parsed = enrichedValueSchema.safeParse(item);
    if (parsed.success && provider.fields.includes(parsed.data.field)) {
      values.push({ ...parsed.data, source: provider.name });
    } else {
      rejected += 1;
    }
  }
  const problems: EnrichmentProblem[] =
    rejected > 0 ? [{ provider: provider.name, kind: "invalid", message: `${rejected} malformed value(s) ignored` }] : [];
  return { values, problems };
}

function runOne(
  provider: EnrichmentProvider,
  input: EnrichmentInput,
  now: Date,
  overall: AbortSignal,
  overallBudgetMs: number,
): Promise<Outcome> {
  const budgetMs = Math.max(0, Math.min(provider.timeBudgetMs, overallBudgetMs));
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
      .then(() => provider.lookup(input, { signal, now }))
      .then(
        (values) => finish(validated(provider, values)),
        (error: unknown) =>
          finish({
            values: [],
            problems: [{ provider: provider.name, kind: isAbortLike(error) ? "timeout" : "error", message: errorMessage(error) }],
          }),
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
  const budgetMs = Number.isFinite(options.budgetMs) ? Math.max(0, options.budgetMs) : 0;
  const overall = new AbortController();
  const overallTimer = setTimeout(() => overall.abort(new DOMException("enrichment budget exceeded", "TimeoutError")), budgetMs);
  const onCancel = () => overall.abort(new DOMException("enrichment cancelled", "AbortError"));
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener("abort", onCancel, { once: true });

  try {
    const outcomes = await Promise.all(providers.map((p) => runOne(p, input, options.now, overall.signal, budgetMs)));
    const values = outcomes.flatMap((o) => o.values);
    return {
      best: pickBest(values),
      values,
      problems: outcomes.flatMap((o) => o.problems),
      elapsedMs: Date.now() - started,
    };
  } finally {
    clearTimeout(overallTimer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}
