/**
 * When the user is done with the prompt (ADR 007). Pure and isomorphic: the hook (use-profile-prompt.ts)
 * calls it on every change of the user's choices.
 *
 * A question is decided by a tap when it was skipped, declined ("Don't ask again") or its guess was
 * confirmed ("Yes"); a question with a field (or a guess neither confirmed nor changed) waits for the
 * user, and Save is what sends what they typed. When every question on screen is decided by a tap,
 * there is nothing left to type: the prompt saves those choices itself, so no Save remains that only
 * repeats what the taps said, and a reload or a closed tab cannot lose them. "Not now" is not a
 * decision about any question: it closes the prompt for the visit and asks again at the next one.
 * The consent item (consent-item.ts) has no field: it is decided by any of its taps (Yes, No, and
 * its own "Not now", a skip of the item).
 */

export type QuestionChoice = "answer" | "skip" | "decline";

/** What the decision needs of a prompt item (use-profile-prompt.ts `PromptItem`). */
export interface ProgressItem {
  question: { attribute: string };
  choice: QuestionChoice;
  /** A guess to confirm, when the question offers one. */
  suggestion?: unknown;
  /** The user tapped "Yes" on the guess. */
  confirmed: boolean;
}

/** The consent item's part in the decision: its attribute (`@consent`) and the tap, null while untouched. */
export interface ProgressConsent {
  attribute: string;
  choice: "granted" | "refused" | "skip" | null;
}

/**
 * A key naming every question's decision ("skip", "decline", "confirm"; the consent item's tap)
 * when all of them are decided by a tap: the prompt then saves itself, once per key. Null while any
 * question waits for the user (a field, a guess neither confirmed nor skipped, an untouched consent
 * item), or when there is no question.
 * (Kept small on purpose: it ships with the prompt, ADR 014.)
 */
export function autoSaveKey(items: readonly ProgressItem[], consent: ProgressConsent | null = null): string | null {
  if (consent && !consent.choice) return null;
  let key = consent ? `${consent.attribute}=${consent.choice};` : "";
  for (const item of items) {
    const decision = item.choice !== "answer" ? item.choice : item.suggestion && item.confirmed ? "confirm" : null;
    if (!decision) return null;
    key += `${item.question.attribute}=${decision};`;
  }
  return key || null;
}
