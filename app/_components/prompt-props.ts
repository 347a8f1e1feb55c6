/**
 * What this app gives the kit's prompt: its Server Actions and its catalog, the catalog as a
 * function that asks the server for it (getProfileCatalog: its texts in the user's language only,
 * issue 16), so it arrives with the prompt's code, only for a signed-in user (SessionProfilePrompt,
 * and the sign-in callback that starts the download early). One module,
 * so the callback and the home page hand the kit the same functions (the early request is taken by
 * the prompt with the same getProfilePrompt).
 */
import type { ProfilePromptActions } from "@gradual/kit/react";
import { dismissProfilePrompt, getProfileCatalog, getProfilePrompt, submitProfileAnswers } from "@/app/actions";

export const promptActions: ProfilePromptActions = { getProfilePrompt, submitProfileAnswers, dismissProfilePrompt };

export const loadCatalog = () => getProfileCatalog();
