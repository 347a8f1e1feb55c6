/**
 * This login's questions, asked for before the prompt mounts. The sign-in callback starts the
 * request the moment the tokens are in, so it runs while the signed-in home renders instead of
 * after it. The first prompt that mounts with this kit's own Server Actions takes it, once; one
 * older than FRESH_MS is dropped and asked for again. Asking twice is harmless: a login's prompt
 * is the same questions however often it is requested.
 *
 * Small on purpose (no zod, no form code): it is part of the callback page's first load.
 */
import { collectClientHints } from "@/lib/enrichment/client-hints";
import { getProfilePrompt } from "@/app/actions";

type PromptResult = Awaited<ReturnType<typeof getProfilePrompt>>;

const FRESH_MS = 30_000;
let early: { result: Promise<PromptResult>; startedAt: number } | null = null;

/**
 * Asks `action` (getProfilePrompt, this kit's or an embedder's) for this login's prompt. The one way
 * the request is made, early or by the prompt itself, so an early answer is what the prompt would get.
 */
export async function askForProfilePrompt(action: typeof getProfilePrompt, getAccessToken: () => Promise<string>): Promise<PromptResult> {
  return action(await getAccessToken(), { clientHints: collectClientHints() });
}

/** Starts getProfilePrompt for the signed-in user now; a failure is reported by the prompt that takes it. */
export function requestProfilePromptEarly(getAccessToken: () => Promise<string>): void {
  const result = askForProfilePrompt(getProfilePrompt, getAccessToken);
  result.catch(() => {
    /* the prompt that takes this reports the failure (and offers to try again) */
  });
  early = { result, startedAt: Date.now() };
}

/** The early request, if one was started less than FRESH_MS ago; it is given out once. */
export function takeEarlyProfilePrompt(): Promise<PromptResult> | null {
  const taken = early;
  early = null;
  return taken && Date.now() - taken.startedAt < FRESH_MS ? taken.result : null;
}
