"use server";
/**
 * The profile prompt's Server Actions. Each is wrapped once by `authenticatedAction`, which verifies
 * the Authgear access token (first argument) and parses the input (second) before any logic.
 * Results are typed (`ActionResult`); expected failures never throw.
 */
import { requestClientIp } from "@/lib/enrichment/client-ip.server";
import { authenticatedAction, type ActionUser } from "../actions/authenticated-action.server";
import { dismissRequestSchema, failure, promptRequestSchema, submitRequestSchema } from "./prompt-types";
import { profileService } from "./profile-service.server";

function login(user: ActionUser) {
  if (user.authTime === undefined) return null;
  return { sub: user.sub, authTime: user.authTime };
}

const NEEDS_AUTH_TIME =
  "This app's access tokens do not say when you signed in (auth_time), so the profile prompt is unavailable. Ask the administrator to issue JWT access tokens.";

/** This visit's questions (none when there is nothing to ask). Records that the prompt was shown. */
export const getProfilePrompt = authenticatedAction(promptRequestSchema, async (user, input) => {
  const current = login(user);
  if (!current) return failure("unsupported_token", NEEDS_AUTH_TIME);
  return (await profileService()).prompt(current, { ip: await requestClientIp(), clientHints: input.clientHints });
});

/** Saves answers, skips and "don't ask again" choices of this visit's prompt. Safe to retry with the same submissionId. */
export const submitProfileAnswers = authenticatedAction(submitRequestSchema, async (user, input) => {
  const current = login(user);
  if (!current) return failure("unsupported_token", NEEDS_AUTH_TIME);
  const { clientHints, ...request } = input;
  return (await profileService()).submit(current, request, { ip: await requestClientIp(), clientHints });
});

/** Closes this visit's prompt without answering: it does not come back in this visit. */
export const dismissProfilePrompt = authenticatedAction(dismissRequestSchema, async (user, input) => {
  return (await profileService()).dismiss({ sub: user.sub, authTime: user.authTime ?? 0 }, input.loginKey);
});
