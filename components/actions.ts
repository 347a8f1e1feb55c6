/**
 * The Server Actions the kit's components call, as the app gives them (the `actions` prop). The
 * components never import them: a package cannot import its host app's files, and what makes a
 * function a Server Action is the app's own "use server" module that exports it. Types only: the
 * functions' signatures are the kit's actions' (the imports below are erased; nothing of those
 * modules reaches a browser bundle through this file).
 */
import type { GradualActions } from "@/lib/server/actions.server";

/** What <ProfilePrompt>, useProfilePrompt and <SessionProfilePrompt> call. */
export type ProfilePromptActions = Pick<GradualActions, "getProfilePrompt" | "submitProfileAnswers" | "dismissProfilePrompt">;

/** What the /profile page component (<ProfilePage>) calls. */
export type ProfilePageActions = Pick<GradualActions, "getMyProfile" | "saveMyProfileValues" | "undoMyDecline" | "setMyEnrichmentOptOut" | "setMyEnrichmentConsent">;

/** What the language menu (<LanguageMenu>) and <AuthgearLocaleSync> call. */
export type LanguageMenuActions = Pick<GradualActions, "chooseLocale" | "rememberAuthgearLocale">;

/** What the /admin dashboard component (<AdminDashboard>) calls. */
export type AdminActions = Pick<GradualActions, "getAdminDashboard" | "explainUser">;
