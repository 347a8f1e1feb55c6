/**
 * `@gradual/kit/react`: the kit's React side (issue 15). The components that talk to the server
 * take the app's Server Actions (`actions`) and, where they need it, the app's catalog (`catalog`):
 * a package cannot import its host app's files.
 *
 * No "use client" here, on purpose: every client component below carries its own directive, so a
 * server component (the app's layout, a page) can import this entry and render them, and what it
 * does not import stays out of its client bundle. The prompt's form code (react-hook-form, the
 * catalog's schemas) is reached from SessionProfilePrompt only through its import(), so a page that
 * mounts the session prompt downloads it only once the user is signed in.
 */

// The prompt: the component, its headless hook, the lazily loaded session prompt and the callback's early request.
export { ProfilePrompt, type ProfilePromptProps, type ProfilePromptLabels, type ProfilePromptClassNames } from "@/components/profile-prompt/profile-prompt";
export {
  useProfilePrompt,
  type ProfilePromptController,
  type PromptItem,
  type PromptStatus,
  type QuestionChoice,
  type UseProfilePromptOptions,
} from "@/components/profile-prompt/use-profile-prompt";
export { SessionProfilePrompt, loadProfilePrompt, type CatalogSource, type SessionProfilePromptProps } from "@/components/profile-prompt/session-profile-prompt";
export { requestProfilePromptEarly } from "@/components/profile-prompt/early-prompt";

// The one control every catalog question is rendered with (the prompt and /profile).
export { CatalogField, type CatalogFieldProps, type CatalogForm } from "@/components/catalog-field/catalog-field";
// A field's error in the user's language, for a headless form's own fields (the form's messages are validation keys).
export { useValidationText } from "@/components/catalog-field/use-validation-text";

// The /profile and /admin pages' components.
export { ProfilePage, type ProfilePageProps } from "@/components/account/profile-page";
export { AdminDashboard, type AdminDashboardProps } from "@/components/admin/admin-dashboard";

// The language menu for the app's header, and the signed-in user's Authgear `locale` as the page's second source (ADR 019).
export { LanguageMenu, type LanguageMenuProps } from "@/components/language-menu/language-menu";
export { AuthgearLocaleSync, type AuthgearLocaleSyncProps } from "@/components/language-menu/authgear-locale-sync";

// The Server Actions the components take, by component.
export type { AdminActions, LanguageMenuActions, ProfilePageActions, ProfilePromptActions } from "@/components/actions";

// The signed-in user (the Authgear web SDK in the browser).
export { AuthgearProvider, useSession, type Session, type SessionErrorReason, type SessionState } from "@/lib/authgear/session";
export { useSessionErrorText } from "@/lib/authgear/session-words";
export { describeAuthError, type PublicAuthgearConfig, type UserInfo } from "@/lib/authgear/browser";

// The small UI pieces the kit is built of, for the app's own pages in the same style.
export { Button, buttonClassName, type ButtonProps, type ButtonVariant } from "@/components/ui/button";
export { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
export { IntentLink } from "@/components/ui/intent-link";

// The User Timing marks the kit sets (and the app may set: the signed-in home), for measuring.
export { markOnce, PERF_MARKS, type PerfMark } from "@/lib/perf/marks";

// What the actions answer, for an app's callbacks (onSaved) and its own use of the actions.
export type { ActionError, ActionErrorCode, ActionResult } from "@/lib/actions/result";
export type { SubmitOutcome } from "@/lib/prompt/prompt-types";

// Words (issue 16, ADR 019): the provider for apps without next-intl, and the hook the kit's components read through.
export { GradualIntlProvider, type GradualIntlProviderProps } from "@/lib/i18n/intl-provider";
export { useKitTranslations, type KitKey, type KitNamespace, type KitTranslator } from "@/lib/i18n/use-kit-translations";
