/**
 * This login's questions, asked for before the prompt mounts. The sign-in callback starts the
 * request the moment the tokens are in, so it runs while the signed-in home renders instead of
 * after it. The first prompt that mounts with the same getProfilePrompt action takes it, once; one
 * older than FRESH_MS is dropped and asked for again. Asking twice is harmless: a login's prompt
 * is the same questions however often it is requested.
 *
 * Small on purpose (no zod, no form code): it is part of the callback page's first load.
 */
import type { ProfilePromptActions } from "@/components/actions";
import { collectClientHints } from "@/lib/enrichment/client-hints";

type GetProfilePrompt = ProfilePromptActions["getProfilePrompt"];
type PromptResult = Awaited<ReturnType<GetProfilePrompt>>;

const FRESH_MS = 30_000;
let early: { action: GetProfilePrompt; result: Promise<PromptResult>; startedAt: number } | null = null;

/**
 * Asks `action` (the app's getProfilePrompt) for this login's prompt. The one way the request is
 * made, early or by the prompt itself, so an early answer is what the prompt would get.
 */
export async function askForProfilePrompt(action: GetProfilePrompt, getAccessToken: () => Promise<string>): Promise<PromptResult> {
  return action(await getAccessToken(), { clientHints: collectClientHints() });
}

/**
 * Starts `action` (the getProfilePrompt the app gives its prompt) for the signed-in user now; a
 * failure is reported by the prompt that takes it.
 */
export function requestProfilePromptEarly(action: GetProfilePrompt, getAccessToken: () => Promise<string>): void {
  const result = askForProfilePrompt(action, getAccessToken);
  result.catch(() => {
    /* the prompt that takes this reports the failure (and offers to try again) */
  });
  early = { action, result, startedAt: Date.now() };
}

/**
 * The early request, if one was started with `action` less than FRESH_MS ago; it is given out
 * once. A prompt with another action never gets it (nor uses it up).
 */
export function takeEarlyProfilePrompt(action: GetProfilePrompt): Promise<PromptResult> | null {
  const taken = early;
  if (!taken || taken.action !== action) return null;
  early = null;
  return Date.now() - taken.startedAt < FRESH_MS ? taken.result : null;
}
