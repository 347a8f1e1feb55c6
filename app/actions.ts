"use server";
/**
 * This app's Server Actions: the kit's (`gradual.actions`, each verifying the Authgear access token
 * given first and parsing the input given second), re-exported from the app's own "use server"
 * file. Thin async functions, because a "use server" file may export async functions only.
 */
import type { GradualActions } from "@gradual/kit/server";
import { gradual } from "./gradual.server";

type Args<K extends keyof GradualActions> = Parameters<GradualActions[K]>;

export async function getProfilePrompt(...args: Args<"getProfilePrompt">) {
  return gradual.actions.getProfilePrompt(...args);
}
export async function submitProfileAnswers(...args: Args<"submitProfileAnswers">) {
  return gradual.actions.submitProfileAnswers(...args);
}
export async function dismissProfilePrompt(...args: Args<"dismissProfilePrompt">) {
  return gradual.actions.dismissProfilePrompt(...args);
}
export async function getMyProfile(...args: Args<"getMyProfile">) {
  return gradual.actions.getMyProfile(...args);
}
export async function saveMyProfileValues(...args: Args<"saveMyProfileValues">) {
  return gradual.actions.saveMyProfileValues(...args);
}
export async function undoMyDecline(...args: Args<"undoMyDecline">) {
  return gradual.actions.undoMyDecline(...args);
}
export async function setMyEnrichmentOptOut(...args: Args<"setMyEnrichmentOptOut">) {
  return gradual.actions.setMyEnrichmentOptOut(...args);
}
export async function getAdminDashboard(...args: Args<"getAdminDashboard">) {
  return gradual.actions.getAdminDashboard(...args);
}
export async function explainUser(...args: Args<"explainUser">) {
  return gradual.actions.explainUser(...args);
}
