/**
 * What the profile prompt's Server Actions send and return. Isomorphic (types and zod only):
 * the client component and the server share these shapes.
 */
import { z } from "zod";
import { ATTRIBUTE_NAME_PATTERN } from "@/lib/authgear/custom-attributes";
import { MAX_CLIENT_LANGUAGES, MAX_LANGUAGE_TAG_LENGTH, MAX_TIME_ZONE_LENGTH } from "@/lib/enrichment/client-hints";
import type { AttributeValue } from "@/lib/domain";

/** @public the consent item's name in PromptQuestion.attribute and in a submission's `skipped` (the prompt's client component reads it). */
export { CONSENT_QUESTION } from "@/lib/domain";

/** A third-party source the consent item asks about, as /profile lists it too. */
export interface ConsentSource {
  /** The provider's name, e.g. "fullcontact-person". */
  name: string;
  /** What it is, in a few words ("FullContact: person details from a work email"); the name when the provider gives none. */
  description: string;
}

/**
 * One question of the prompt, best first. The client derives its form field from the catalog;
 * the consent item (`attribute` CONSENT_QUESTION, "@consent") is no catalog question: it carries `consent`.
 */
export interface PromptQuestion {
  attribute: string;
  /**
   * A guess to confirm with one tap ("Are you in London?", "Is your company Acme Robotics?"): the
   * attribute's unconfirmed enriched value, or a suggestion Gradual holds until the user confirms it
   * (the attribute is still empty in Authgear).
   */
  suggestion?: { value: AttributeValue; source: string };
  /** The consent item only: the third-party sources that would run with the user's yes. */
  consent?: { sources: ConsentSource[] };
  /**
   * For a phone question: the country its selector starts on (ISO 3166-1 alpha-2), the user's
   * confirmed or enriched country; absent when none is known (the browser then uses its language's).
   */
  phoneCountry?: string;
}

/** This login's prompt; `questions` is empty when there is nothing to ask now. */
export interface ProfilePromptView {
  /** Identifies the login (and so the prompt) the answers belong to. */
  loginKey: string;
  questions: PromptQuestion[];
}

/** What happened to a submission (returned again, unchanged, for a retried submission id). */
export interface SubmitOutcome {
  /** Attributes whose answer was saved (in the prompt's order). */
  answered: string[];
  skipped: string[];
  declined: string[];
  /** Attributes whose value in Authgear changed, answers and enrichment together. */
  changed: string[];
}

const attributeList = z.array(z.string().min(1).max(64)).max(20);

export const clientHintsInputSchema = z
  .object({
    timeZone: z.string().max(MAX_TIME_ZONE_LENGTH).optional(),
    languages: z.array(z.string().max(MAX_LANGUAGE_TAG_LENGTH)).max(MAX_CLIENT_LANGUAGES).optional(),
  })
  .strict();

export const promptRequestSchema = z
  .object({
    clientHints: clientHintsInputSchema.optional(),
  })
  .strict();
/** @public what an app passes to getProfilePrompt (the kit's server entry point, issue 15); the prompt here builds it inline. */
export type PromptRequest = z.input<typeof promptRequestSchema>;

/** Answers are validated again per attribute against the catalog once the offered set is known. */
export const submitRequestSchema = z
  .object({
    /** A fresh id per attempt at saving a set of answers; a retry reuses it. */
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "submissionId must be 8–64 URL-safe characters"),
    loginKey: z.string().min(1).max(300),
    // Keys are attribute names (Authgear's rule), so odd keys are refused here; zod's record would
    // silently drop a "__proto__" key (JSON.parse makes it an own property), so it is refused first.
    answers: z
      .custom<Record<string, string | number>>((v) => !(typeof v === "object" && v !== null && Object.hasOwn(v, "__proto__")), '"__proto__" is not an attribute name')
      .pipe(z.record(z.string().max(64).regex(ATTRIBUTE_NAME_PATTERN, "Not an attribute name"), z.union([z.string(), z.number()]))),
    /** Answers that accept the suggestion shown ("Yes"). */
    confirmed: attributeList.default([]),
    skipped: attributeList.default([]),
    declined: attributeList.default([]),
    /** The answer to the consent item (only when this prompt offered it); leaving it out is a skip ("Not now"). */
    consent: z.enum(["granted", "refused"], { error: 'consent must be "granted" or "refused"' }).optional(),
    clientHints: clientHintsInputSchema.optional(),
  })
  .strict();
export type SubmitRequest = z.input<typeof submitRequestSchema>;

export const dismissRequestSchema = z.object({ loginKey: z.string().min(1).max(300) }).strict();
/** @public what an app passes to dismissProfilePrompt (the kit's server entry point, issue 15); the prompt here builds it inline. */
export type DismissRequest = z.input<typeof dismissRequestSchema>;
