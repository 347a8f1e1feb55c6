"use client";
/**
 * The signed-in user's Authgear `locale` as the second source of the page's language (issue 16,
 * ADR 019): after sign-in and on each session restore, when the userinfo's `locale` claim is not
 * what the `gradual-authgear-locale` cookie holds, the app's `rememberAuthgearLocale` Server Action
 * maps it to the nearest shipped locale and sets (or, for none, clears) the cookie; the page is
 * rendered again when its language would change (no language chosen in the menu, which comes
 * first). Renders nothing. Sign-out clears the cookie (lib/authgear/session.tsx).
 *
 * The claim is compared by the shipped locale it maps to (`nearestLocale`, the same rule the
 * action applies), so a claim such as "de-CH" is sent once, not on every page load.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useLocale } from "use-intl";
import type { LanguageMenuActions } from "@/components/actions";
import { localeFromCookies } from "@/lib/account/locale-cookies";
import { useSession } from "@/lib/authgear/session";
import { AUTHGEAR_LOCALE_COOKIE, CHOSEN_LOCALE_COOKIE } from "@/lib/i18n/cookies";
import { nearestLocale } from "@/lib/i18n/locales";

export interface AuthgearLocaleSyncProps {
  actions: Pick<LanguageMenuActions, "rememberAuthgearLocale">;
}

export function AuthgearLocaleSync({ actions }: AuthgearLocaleSyncProps) {
  const session = useSession();
  const router = useRouter();
  const current = useLocale();
  const signedIn = session.state === "signed-in";
  const raw = session.user?.locale;
  const claimed = typeof raw === "string" && raw !== "" ? raw : null;

  useEffect(() => {
    if (!signedIn) return;
    const remembered = localeFromCookies(document.cookie, AUTHGEAR_LOCALE_COOKIE) ?? null;
    if (remembered === (claimed === null ? null : (nearestLocale(claimed, { anyScript: true }) ?? null))) return;
    let active = true;
    actions.rememberAuthgearLocale({ locale: claimed }).then(
      (result) => {
        if (!active || !result.ok || result.locale === remembered) return;
        // The menu's choice comes first: then this cookie changes nothing on the page.
        if (localeFromCookies(document.cookie, CHOSEN_LOCALE_COOKIE) !== undefined) return;
        // A new locale other than the page's, or the cookie the page's locale may have come from cleared.
        if (result.locale !== null ? result.locale !== current : remembered === current) router.refresh();
      },
      () => undefined, // the cookie is a preference; the next page load tries again
    );
    return () => {
      active = false;
    };
  }, [signedIn, claimed, actions, current, router]);

  return null;
}
