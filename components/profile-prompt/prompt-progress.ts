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
 */

export type QuestionChoice = "answer" | "skip" | "decline";

export interface ProgressItem {
  attribute: string;
  choice: QuestionChoice;
  /** The question offers a guess to confirm. */
  hasSuggestion: boolean;
  /** The user tapped "Yes" on the guess. */
  confirmed: boolean;
}

/** How one question stands: decided by a tap, or waiting for the user (a field or a guess). */
export function questionDecision(item: ProgressItem): "skipped" | "declined" | "confirmed" | "waiting" {
  if (item.choice === "skip") return "skipped";
  if (item.choice === "decline") return "declined";
  return item.hasSuggestion && item.confirmed ? "confirmed" : "waiting";
}

/**
 * A key naming every question's decision when all of them are decided by a tap (the prompt then
 * saves itself, once per key), or null while any waits for the user or there is no question.
 */
export function autoSaveKey(items: readonly ProgressItem[]): string | null {
  if (items.length === 0) return null;
  const parts: string[] = [];
  for (const item of items) {
    const decision = questionDecision(item);
    if (decision === "waiting") return null;
    parts.push(`${item.attribute}=${decision}`);
  }
  return parts.join("&");
}
