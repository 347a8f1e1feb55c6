/**
 * The providers this server runs: the app's enrichment config (enrichment.config.ts, through
 * `createGradual({ enrichment })`; default the location providers) built over the enrichment
 * settings, each provider's declaration checked, then picked and ordered by ENRICHMENT_PROVIDERS
 * (unset = all, in the config's order; "none" = none). The composition root
 * (lib/server/services.server.ts) builds one set per process, config and settings, so the remote
 * providers' caches and the geo database are shared by every request.
 */
import "server-only";
import { EnvError, type EnrichmentSettings } from "@/lib/env.server";
import { defaultEnrichment, type EnrichmentConfig } from "./config";
import { enrich, providerDeclarationProblems, type EnrichmentResult } from "./enrich";
import { selectProviders, type ConsentState } from "./select";
import { createProblemThrottle } from "./throttle";
import type { EnrichmentInput, EnrichmentPhase, EnrichmentProvider } from "./types";

/**
 * The config's providers for these settings, checked, in the order ENRICHMENT_PROVIDERS gives.
 * Throws an Error naming the provider when a declaration is wrong, and an EnvError when
 * ENRICHMENT_PROVIDERS names a provider the config does not build.
 */
export function buildEnrichmentProviders(env: EnrichmentSettings, config: EnrichmentConfig = defaultEnrichment): EnrichmentProvider[] {
  const built = [...config.build(env)];
  const problems: string[] = [];
  const seen = new Set<string>();
  built.forEach((provider, index) => {
    const label = typeof (provider as { name?: unknown } | null)?.name === "string" ? `"${provider.name}"` : `#${index + 1}`;
    for (const problem of providerDeclarationProblems(provider)) problems.push(`provider ${label}: ${problem}`);
    const name: unknown = (provider as { name?: unknown } | null)?.name;
    if (typeof name === "string") {
      if (seen.has(name)) problems.push(`provider ${label} is listed twice: each provider's name must be unique`);
      seen.add(name);
    }
  });
  if (problems.length > 0) throw new Error(`The enrichment config (enrichment.config.ts) builds invalid providers:\n  - ${problems.join("\n  - ")}`);

  const names = env.ENRICHMENT_PROVIDERS;
  if (names === null) return built;
  const unknown = names.filter((name) => !seen.has(name));
  if (unknown.length > 0) {
    throw new EnvError([
      `ENRICHMENT_PROVIDERS names ${unknown.map((n) => `"${n}"`).join(", ")}, which the enrichment config does not build with these settings: write some of ${built.length > 0 ? built.map((p) => p.name).join(", ") : "(none are built)"}, in priority order, or "none" (a provider may need its key or switch, e.g. IPGEOLOCATION_API_KEY, FULLCONTACT=on).`,
    ]);
  }
  return names.map((name) => built.find((p) => p.name === name) as EnrichmentProvider);
}

/** Loads the providers' slow data (the geo database) ahead of the first lookup. Never rejects. */
export async function warmProviders(providers: readonly EnrichmentProvider[]): Promise<void> {
  await Promise.all(
    providers.map(async (p) => {
      const warm = (p as { warm?: unknown }).warm;
      if (typeof warm === "function") await Promise.resolve(warm.call(p)).catch(() => {});
    }),
  );
}

export interface EnrichmentRunOptions {
  phase: EnrichmentPhase;
  now: Date;
  signal?: AbortSignal;
  /** The user opted out of enrichment: nothing runs. Default false (the caller checked). */
  optOut?: boolean;
  /** The user's answer to the consent question; default none given. */
  consent?: ConsentState;
  /** Overrides the phase's budget. */
  budgetMs?: number;
  /** Only the providers of these names (e.g. the third-party ones, right after consent). */
  only?: readonly string[];
}

/** The server's enrichment: its providers, and runs of them by phase (selected, budgeted, problems logged once per incident). */
export interface EnrichmentService {
  readonly providers: readonly EnrichmentProvider[];
  /** The catalog asks for consent before third-party providers run. */
  readonly consentRequired: boolean;
  run(input: EnrichmentInput, options: EnrichmentRunOptions): Promise<EnrichmentResult>;
  /** The providers' slow data, loaded (part of a blocking hook's budget). */
  warm(): Promise<void>;
}

/** The most any run may take: Authgear does not wait on non-blocking events, but a run must end. */
export const MAX_RUN_BUDGET_MS = 10_000;

/**
 * How long a phase's run may take: the blocking sign-up hook and the prompt get ENRICHMENT_BUDGET_MS
 * (`budgetMs`); after sign-up and after consent nobody waits, so each provider gets its own budget.
 */
export function phaseBudgetMs(phase: EnrichmentPhase, budgetMs: number, providers: readonly EnrichmentProvider[]): number {
  if (phase === "sign-up" || phase === "login") return budgetMs;
  return Math.min(MAX_RUN_BUDGET_MS, Math.max(budgetMs, ...providers.map((p) => p.timeBudgetMs)));
}

export function createEnrichmentService(options: {
  providers: readonly EnrichmentProvider[];
  /** ENRICHMENT_BUDGET_MS. */
  budgetMs: number;
  consentRequired: boolean;
  log?: Pick<Console, "warn">;
  /** Epoch milliseconds, for the log throttle. */
  now?: () => number;
}): EnrichmentService {
  const throttle = createProblemThrottle({ log: options.log ?? console, now: options.now ?? Date.now });
  const { providers, consentRequired } = options;
  return {
    providers,
    consentRequired,
    async run(input, run) {
      const selected = selectProviders(providers, {
        phase: run.phase,
        optOut: run.optOut ?? false,
        consent: run.consent ?? null,
        consentRequired,
        ...(run.only ? { enabled: run.only } : {}),
      });
      const result = await enrich(selected, input, {
        budgetMs: run.budgetMs ?? phaseBudgetMs(run.phase, options.budgetMs, selected),
        now: run.now,
        phase: run.phase,
        ...(run.signal ? { signal: run.signal } : {}),
      });
      throttle.report(result.problems);
      return result;
    },
    warm: () => warmProviders(providers),
  };
}
