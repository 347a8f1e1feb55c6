/**
 * The prompt's consent item (issue 17, ADR 005): when the catalog asks for the user's consent before
 * third-party sources run, the server's prompt may include, as one of its questions, the item
 * `{ attribute: "@consent", consent: { sources } }` (lib/prompt/prompt-types.ts). It is not a
 * catalog question: it has no field, only three taps. "Yes" and "No" are the user's decision, sent
 * as submit's `consent`; "Not now" is a skip like any question's, with the usual rest.
 *
 * Pure and isomorphic, and free of zod (it ships with the prompt, ADR 014): the item is recognised
 * by its `consent` part, so nothing here imports prompt-types.ts's schemas.
 */
import type { LocalizedText } from "@/lib/catalog/catalog";
import { localize } from "@/lib/catalog/catalog";

/** A source the user is asked about: the provider's name and its description, as the server gives them. */
export interface ConsentSource {
  name: string;
  description?: string;
}

/** What the server says about the consent item it offers. */
export interface ConsentOffer {
  sources: readonly ConsentSource[];
}

/** The prompt's question as the server sends it, as far as the consent item goes. */
export interface MaybeConsentQuestion {
  attribute: string;
  consent?: ConsentOffer;
}

/** The user's tap: allowed, refused, or "Not now" (asked again at a later visit). */
export type ConsentChoice = "granted" | "refused" | "skip";

export const CONSENT_CHOICES: readonly ConsentChoice[] = ["granted", "refused", "skip"];

export function isConsentChoice(value: unknown): value is ConsentChoice {
  return typeof value === "string" && (CONSENT_CHOICES as readonly string[]).includes(value);
}

/** The consent item among the prompt's questions, with its place in their order; null when it is not offered. */
export function findConsentItem(questions: readonly MaybeConsentQuestion[]): { attribute: string; index: number; offer: ConsentOffer } | null {
  for (const [index, q] of questions.entries()) if (q.consent) return { attribute: q.attribute, index, offer: q.consent };
  return null;
}

/** What submit carries for the consent item's tap: the decision as `consent`, "Not now" as a skip of the item. */
export function consentSubmission(attribute: string, choice: ConsentChoice | null): { consent?: "granted" | "refused"; skipped: string[] } {
  if (choice === "skip") return { skipped: [attribute] };
  if (choice === "granted" || choice === "refused") return { consent: choice, skipped: [] };
  return { skipped: [] };
}

/**
 * The words a source is named by: the kit's own words for it in the page's language when it is one
 * of the kit's providers (`known`, from the messages `prompt.consentSource.*`), else its
 * description, else its name; each named once (a provider listed twice, or two with the same
 * words, is said once), in the server's order.
 */
export function sourceNames(sources: readonly ConsentSource[], known: (name: string) => string | undefined = () => undefined): string[] {
  const names: string[] = [];
  for (const source of sources) {
    const words = known(source.name) ?? (source.description?.trim() || source.name);
    if (!names.includes(words)) names.push(words);
  }
  return names;
}

/** The catalog's own texts for the consent item (its `thirdPartyConsent` option), when it gives them. */
export interface ConsentTexts {
  question?: LocalizedText;
  purpose?: LocalizedText;
}

/** The catalog's `thirdPartyConsent` texts (the catalog's option, lib/catalog/catalog.ts), when it has them. */
export function catalogConsentTexts(catalog: object): ConsentTexts | undefined {
  const texts = (catalog as { thirdPartyConsent?: ConsentTexts | null }).thirdPartyConsent;
  return texts ?? undefined;
}

/**
 * The consent item's question and purpose in `locale`: the catalog's own (`thirdPartyConsent`), else
 * the kit's default message (`fallback`, from `prompt.consentQuestion` / `prompt.consentPurpose`).
 */
export function consentWording(texts: ConsentTexts | undefined, locale: string, defaultLocale: string, fallback: { question: string; purpose: string }): { question: string; purpose: string } {
  return {
    question: texts?.question !== undefined ? localize(texts.question, locale, defaultLocale) : fallback.question,
    purpose: texts?.purpose !== undefined ? localize(texts.purpose, locale, defaultLocale) : fallback.purpose,
  };
}
