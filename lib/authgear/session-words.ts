/**
 * What a page says when the session could not be restored, in the user's language (the kit's
 * `session` messages): `useSessionErrorText()(session)`. The session's own `error` stays English,
 * with the cause, for logs. Isomorphic (use-intl, no Next.js import).
 */
import { useKitTranslations } from "@/lib/i18n/use-kit-translations";
import type { Session } from "./session";

export function useSessionErrorText(): (session: Pick<Session, "errorReason">) => string | null {
  const t = useKitTranslations("session");
  return ({ errorReason }) => {
    switch (errorReason) {
      case "unreachable":
        return t("unreachable");
      case "sdk_unavailable":
        return t("sdkUnavailable");
      default:
        return null;
    }
  };
}
