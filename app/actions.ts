"use server";
/**
 * This app's Server Actions: the kit's (`gradual.actions`, each verifying the Authgear access token
 * given first and parsing the input given second), re-exported from the app's own "use server"
 * file. Each is an async function (what a "use server" file may export), built by createGradual.
 */
import { gradual } from "./gradual.server";

export const {
  getProfileCatalog,
  getProfilePrompt,
  submitProfileAnswers,
  dismissProfilePrompt,
  getMyProfile,
  saveMyProfileValues,
  undoMyDecline,
  setMyEnrichmentOptOut,
  setMyEnrichmentConsent,
  chooseLocale,
  rememberAuthgearLocale,
  getAdminDashboard,
  explainUser,
} = gradual.actions;
