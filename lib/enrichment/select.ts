/**
 * Which providers a run may ask (contract §2), decided in one pure function so every caller (the
 * webhook's phases, the prompt, the run after consent) applies the same rules:
 * - the user opted out of enrichment: none at all;
 * - `enabled` (names, e.g. from ENRICHMENT_PROVIDERS) given: only those;
 * - a third-party provider (it sends the user's data elsewhere) only when the catalog does not ask
 *   for consent (`consentRequired` false) or the user granted it;
 * - in `sign-up` (Authgear's blocking hook) a remote provider only when it can answer from its
 *   cache (`cached`); the runner then asks it nothing else (enrich.ts).
 * Order is kept: it is the providers' priority. Isomorphic.
 */
import type { EnrichmentPhase, EnrichmentProvider } from "./types";

/** The user's answer to the catalog's consent question: granted, refused, or not decided (null). */
export type ConsentState = "granted" | "refused" | null;

export interface SelectOptions {
  phase: EnrichmentPhase;
  /** The user opted out of enrichment (/profile). */
  optOut: boolean;
  consent: ConsentState;
  /** The catalog asks for the user's consent before third-party providers run (`thirdPartyConsent`). */
  consentRequired: boolean;
  /** Only providers of these names; undefined = every one given. */
  enabled?: readonly string[];
}

export function selectProviders<P extends EnrichmentProvider>(providers: readonly P[], options: SelectOptions): P[] {
  if (options.optOut) return [];
  const enabled = options.enabled ? new Set(options.enabled) : null;
  return providers.filter((p) => {
    if (enabled && !enabled.has(p.name)) return false;
    if (p.thirdParty && options.consentRequired && options.consent !== "granted") return false;
    if (options.phase === "sign-up" && p.remote === true && typeof p.cached !== "function") return false;
    return true;
  });
}

/** The catalog asks for the user's consent before third-party providers run (its `thirdPartyConsent` option). */
export function catalogRequiresConsent(catalog: object): boolean {
  return (catalog as { thirdPartyConsent?: unknown }).thirdPartyConsent !== undefined;
}

/** The store's record of consent (`{ granted, at }` or none) as the state `selectProviders` takes. */
export function consentState(record: { granted: boolean } | null | undefined): ConsentState {
  if (!record) return null;
  return record.granted ? "granted" : "refused";
}
