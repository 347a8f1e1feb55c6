"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import { buttonClassName, Card, CardContent, CardHeader, CardTitle, describeAuthError, loadProfilePrompt, requestProfilePromptEarly, useSession } from "@gradual/kit/react";
import { loadCatalog, promptActions } from "./prompt-props";
import { SITE_NAME } from "./site";

export interface AuthCallbackProps {
  /** The home page's content, shown here once the sign-in is complete (the address becomes "/"). */
  home: ReactNode;
}

/**
 * Finishes the sign-in Authgear redirected back with, then shows the home page in place; shows why
 * when it cannot. In place rather than navigating to "/": the user sees home (and this login's
 * profile prompt) one server round trip sooner. The address becomes "/" through the history API,
 * which Next's router follows, so a reload, Back or a link behave as on the home page.
 */
export function AuthCallback({ home }: AuthCallbackProps) {
  const t = useTranslations("callback");
  const { completeSignIn, accessToken } = useSession();
  const [signedIn, setSignedIn] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof describeAuthError> | null>(null);

  // Home shows the profile prompt to the user signing in: its code downloads during the token exchange.
  useEffect(() => {
    loadProfilePrompt(loadCatalog).catch(() => {
      /* SessionProfilePrompt tries again and copes without it */
    });
  }, []);

  useEffect(() => {
    let active = true;
    // completeSignIn() exchanges the code once per page load, however often this effect runs.
    completeSignIn().then(
      () => {
        if (!active) return;
        // The code and state in the address are spent: home's address replaces them.
        window.history.replaceState(null, "", "/");
        document.title = SITE_NAME;
        // This login's questions are asked for while home renders, not after.
        requestProfilePromptEarly(promptActions.getProfilePrompt, accessToken);
        setSignedIn(true);
      },
      (error: unknown) => active && setFailure(describeAuthError(error)),
    );
    return () => {
      active = false;
    };
  }, [completeSignIn, accessToken]);

  if (!failure) {
    // One live region throughout, so the change from "Finishing" to "Signed in" is announced.
    return (
      <>
        <p role="status" className={signedIn ? "sr-only" : "text-slate-700"}>
          {signedIn ? t("signedIn") : t("finishing")}
        </p>
        {signedIn ? home : null}
      </>
    );
  }
  return (
    <Card role="alert" aria-labelledby="callback-error-title">
      <CardHeader>
        <CardTitle as="h1" id="callback-error-title" className="text-2xl">
          {t("failedTitle")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {/* What Authgear said (its error_description, in the language of its own pages) and its code;
            a failure in the browser (the network, the SDK) in the page's words, its English as the code. */}
        <p className="text-slate-700">{failure.fromAuthgear ? failure.detail : t("unexpected")}</p>
        {failure.fromAuthgear ? (
          failure.title !== failure.detail ? <p className="text-sm text-slate-500">{t("errorCode", { code: failure.title })}</p> : null
        ) : (
          <p className="text-sm text-slate-500">{t("errorCode", { code: `${failure.title}: ${failure.detail}` })}</p>
        )}
        <Link href="/" className={buttonClassName("secondary")}>
          {t("backHome")}
        </Link>
      </CardContent>
    </Card>
  );
}
