/**
 * /profile's "Sources" section (issue 17, ADR 005, ADR 012): which enrichment providers ran for the
 * user, when, and what they found, in the user's words; and the third-party consent with its time.
 * The shapes are the account view's `enrichment` part (lib/account/account.ts); this module turns
 * them into what the page says. Pure and isomorphic (the page is a client component).
 */
import { localize, type ProfileCatalog } from "@/lib/catalog/catalog";

/** How a provider's last run for the user ended (lib/enrichment/enrich.ts's run outcomes). */
export type SourceOutcome = "found" | "nothing" | "timeout" | "error" | "invalid" | "cached";

/** One provider's last run for the user, as the account view gives it. */
export interface AccountSource {
  provider: string;
  /** The provider's own short description (its `description`), when it has one. */
  description?: string | null;
  /** It sent the user's data to somebody else. */
  thirdParty: boolean;
  /** ISO 8601. */
  ranAt: string;
  outcome: SourceOutcome | (string & {});
  /** The provider fields it found a value for. */
  fields: readonly string[];
}

/** The user's decision about third-party sources. */
export interface AccountConsent {
  /** The catalog asks for consent before third-party providers run. */
  required: boolean;
  /** null: not decided. */
  granted: boolean | null;
  /** ISO 8601 time of the decision; null when undecided. */
  at: string | null;
}

export interface AccountEnrichment {
  sources: readonly AccountSource[];
  consent: AccountConsent;
}

/**
 * What a provider field is called in the user's words: the label of the catalog question that
 * takes its suggestion from the field (in `locale`), else the kit's word for a field of the shared
 * vocabulary (`vocabulary`, from the messages `profile.sourcesField.*`), else the name itself
 * with its underscores as spaces (a custom provider's own field).
 */
export function fieldWords(field: string, catalog: Pick<ProfileCatalog, "questions" | "defaultLocale">, locale: string, vocabulary: (field: string) => string | undefined): string {
  const question = catalog.questions.find((q) => q.enrichment?.field === field);
  if (question) return localize(question.label, locale, catalog.defaultLocale);
  return vocabulary(field) ?? field.replaceAll("_", " ");
}

/** The fields a source found, each named once in the user's words, in the order the source gave them. */
export function foundWords(source: Pick<AccountSource, "fields">, words: (field: string) => string): string[] {
  const out: string[] = [];
  for (const field of source.fields) {
    const word = words(field);
    if (!out.includes(word)) out.push(word);
  }
  return out;
}

/** The consent's state, and what its button does: Withdraw when granted, Allow otherwise. */
export function consentState(consent: AccountConsent): { state: "granted" | "refused" | "undecided"; at: number | null; offer: { granted: boolean } } {
  const ms = consent.at === null ? null : Date.parse(consent.at);
  const at = ms === null || Number.isNaN(ms) ? null : ms;
  if (consent.granted === true) return { state: "granted", at, offer: { granted: false } };
  if (consent.granted === false) return { state: "refused", at, offer: { granted: true } };
  return { state: "undecided", at: null, offer: { granted: true } };
}
