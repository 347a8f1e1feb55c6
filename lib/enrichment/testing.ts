/**
 * The provider contract as a test (`@gradual/kit/testing`, docs/enrichment-providers.md): every
 * provider's unit test calls `checkEnrichmentProvider(provider, { inputs })`, which fails (throws a
 * ProviderContractError listing every problem) unless the provider
 * - declares itself well: a valid name, at least one field, each with a valid spec, a positive
 *   time budget, `thirdParty` said, `lookup` (and `cached`, when present) functions;
 * - answers only declared fields, with values that pass their specs (what the runner would keep);
 * - never throws on empty input (no IP, no hints, no email) and, unless `allowErrors`, on the given inputs;
 * - answers within its own time budget;
 * - honours an aborted signal: settles (answers or rejects) promptly when the signal is already
 *   aborted, or aborted while it works;
 * - answers `cached` synchronously, without throwing, with undefined or valid observations.
 * Framework-free (node:test, vitest, jest alike) and isomorphic.
 */
import { acceptObservations, providerDeclarationProblems } from "./enrich";
import type { EnrichedValue, EnrichmentInput, EnrichmentPhase, EnrichmentProvider } from "./types";

export interface ProviderCheckOptions {
  /** Inputs the provider should answer (besides the empty ones the check always adds). */
  inputs?: readonly EnrichmentInput[];
  /** Default: the real time. */
  now?: Date;
  /** The phase lookups see; default "login". */
  phase?: EnrichmentPhase;
  /** How long after an abort the lookup may take to settle; default 100 ms. */
  abortGraceMs?: number;
  /** A given input may make lookup reject (a service's error answer); never an empty one. Default false. */
  allowErrors?: boolean;
}

export interface ProviderCheckAnswer {
  input: EnrichmentInput;
  /** The observations as the runner accepts them, or none when lookup rejected. */
  values: EnrichedValue[];
  /** Why lookup rejected, when it did (only with allowErrors). */
  error?: string;
  elapsedMs: number;
}

export interface ProviderCheckReport {
  provider: string;
  /** One per input: the empty ones first, then `inputs` in order. */
  answers: ProviderCheckAnswer[];
}

export class ProviderContractError extends Error {
  override name = "ProviderContractError";
  constructor(
    readonly provider: string,
    readonly problems: readonly string[],
  ) {
    super(`Enrichment provider "${provider}" breaks the provider contract:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Inputs with nothing in them: every provider must answer these (with nothing, usually). */
export const EMPTY_INPUTS: readonly EnrichmentInput[] = [{}, { ip: null, clientHints: null, hookContext: null, email: null }];

type Settled = { kind: "value"; value: unknown } | { kind: "error"; error: unknown } | { kind: "late" };

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Calls lookup (a synchronous throw counts as a rejection) and waits at most `ms` for it to settle. */
async function settleWithin(call: () => unknown, ms: number): Promise<{ settled: Settled; elapsedMs: number }> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settled>((resolve) => (timer = setTimeout(() => resolve({ kind: "late" }), ms)));
  const work = Promise.resolve()
    .then(call)
    .then(
      (value): Settled => ({ kind: "value", value }),
      (error: unknown): Settled => ({ kind: "error", error }),
    );
  const settled = await Promise.race([work, late]);
  clearTimeout(timer);
  return { settled, elapsedMs: Date.now() - started };
}

function describeInput(input: EnrichmentInput, index: number): string {
  const parts = Object.entries(input).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k);
  return `input #${index + 1} (${parts.length > 0 ? parts.join(", ") : "empty"})`;
}

export async function checkEnrichmentProvider(provider: EnrichmentProvider, options: ProviderCheckOptions = {}): Promise<ProviderCheckReport> {
  const name = typeof (provider as { name?: unknown } | null)?.name === "string" ? provider.name : "(unnamed)";
  const declaration = providerDeclarationProblems(provider);
  if (declaration.length > 0) throw new ProviderContractError(name, declaration);

  const now = options.now ?? new Date();
  const phase = options.phase ?? "login";
  const grace = options.abortGraceMs ?? 100;
  const problems: string[] = [];
  const answers: ProviderCheckAnswer[] = [];
  const inputs = [...EMPTY_INPUTS, ...(options.inputs ?? [])];

  for (const [index, input] of inputs.entries()) {
    const label = describeInput(input, index);
    const empty = index < EMPTY_INPUTS.length;

    // An ordinary lookup, with a live signal: within the budget, valid answers, no throw.
    const controller = new AbortController();
    const { settled, elapsedMs } = await settleWithin(() => provider.lookup(input, { signal: controller.signal, now, phase }), provider.timeBudgetMs);
    if (settled.kind === "late") {
      problems.push(`${label}: no answer within its time budget of ${provider.timeBudgetMs} ms`);
      controller.abort(new DOMException("check: budget exceeded", "TimeoutError"));
    } else if (settled.kind === "error") {
      if (empty || !options.allowErrors) problems.push(`${label}: lookup threw (${message(settled.error)})${empty ? ": a provider must answer [] when it has nothing to go on" : ""}`);
      answers.push({ input, values: [], error: message(settled.error), elapsedMs });
    } else {
      const accepted = acceptObservations(provider, settled.value, now);
      if (accepted.problem) problems.push(`${label}: ${accepted.problem.message}`);
      answers.push({ input, values: accepted.values, elapsedMs });
    }

    // An already aborted signal: it must settle at once (rejecting is fine).
    const aborted = new AbortController();
    aborted.abort(new DOMException("check: aborted before the lookup", "AbortError"));
    const before = await settleWithin(() => provider.lookup(input, { signal: aborted.signal, now, phase }), grace);
    if (before.settled.kind === "late") problems.push(`${label}: ignores an aborted signal (still working ${grace} ms after being called with one)`);

    // A signal aborted while it works: it must settle within the grace period after the abort.
    const during = new AbortController();
    const pending = settleWithin(() => provider.lookup(input, { signal: during.signal, now, phase }), 5 + grace);
    setTimeout(() => during.abort(new DOMException("check: aborted during the lookup", "AbortError")), 5);
    if ((await pending).settled.kind === "late") problems.push(`${label}: ignores an abort during its lookup (still working ${grace} ms after it)`);

    // The cache: synchronous, never throws, undefined or valid observations.
    if (provider.cached) {
      try {
        const hit: unknown = provider.cached(input, { now, phase });
        if (hit !== undefined) {
          if (typeof (hit as { then?: unknown }).then === "function") problems.push(`${label}: cached returned a promise; it must answer synchronously, without I/O`);
          else {
            const accepted = acceptObservations(provider, hit, now);
            if (accepted.problem) problems.push(`${label}: cached: ${accepted.problem.message}`);
          }
        }
      } catch (error) {
        problems.push(`${label}: cached threw (${message(error)})`);
      }
    }
  }
  if (problems.length > 0) throw new ProviderContractError(name, problems);
  return { provider: provider.name, answers };
}
