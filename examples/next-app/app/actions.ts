"use server";
// The prompt's Server Actions, as Gradual builds them for this app's catalog.
import { gradual } from "./gradual.server";

export const getProfilePrompt = gradual.actions.getProfilePrompt;
export const submitProfileAnswers = gradual.actions.submitProfileAnswers;
export const dismissProfilePrompt = gradual.actions.dismissProfilePrompt;
