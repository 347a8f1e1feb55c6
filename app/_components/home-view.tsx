"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import { Button, buttonClassName, Card, CardContent, CardDescription, CardHeader, CardTitle, IntentLink, markOnce, PERF_MARKS, useSession, useSessionErrorText, type UserInfo } from "@gradual/kit/react";

/** How the user is named on screen: email first, then phone, username, and the ID as a last resort. */
export function displayIdentity(user: UserInfo): string {
  return user.email ?? user.phoneNumber ?? user.preferredUsername ?? user.sub;
}

/** Runs an action once at a time and reports failures instead of dropping them. */
function useAction() {
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (name: string, action: () => Promise<unknown>) => {
    setPending(name);
    setFailure(null);
    action().then(
      () => setPending(null),
      (error: unknown) => {
        setPending(null);
        setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return { pending, failure, run };
}

export interface HomeViewProps {
  /** Shown under the greeting while signed in: the place where the profile prompt is mounted. */
  signedInContent?: ReactNode;
}

/** The home page body for each session state. Nothing session-specific renders before the session is known. */
export function HomeView({ signedInContent }: HomeViewProps) {
  const t = useTranslations("home");
  const sessionErrorText = useSessionErrorText();
  const session = useSession();
  const { pending, failure, run } = useAction();
  const signedIn = session.state === "signed-in" && !!session.user;

  useEffect(() => {
    if (signedIn) markOnce(PERF_MARKS.homeSignedIn);
  }, [signedIn]);

  if (session.state === "loading") {
    return (
      <div aria-busy="true" aria-live="polite" className="space-y-3">
        <p className="sr-only">{t("checkingSession")}</p>
        <div aria-hidden="true" className="h-8 w-48 animate-pulse rounded bg-slate-200" />
        <div aria-hidden="true" className="h-4 w-72 animate-pulse rounded bg-slate-200" />
      </div>
    );
  }

  const failureLine = failure ? (
    <p role="alert" className="text-sm font-medium text-red-700">
      {t("actionFailed", { detail: failure })}
    </p>
  ) : null;

  if (session.state === "signed-in" && session.user) {
    return (
      <div className="space-y-8">
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-2xl">
              {t("welcome")}
            </CardTitle>
            <CardDescription>
              {t.rich("signedInAs", {
                identity: displayIdentity(session.user),
                strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
              })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <div className="flex flex-wrap items-center gap-3">
              <IntentLink href="/profile" className={buttonClassName("secondary")}>
                {t("yourProfile")}
              </IntentLink>
              <Button variant="secondary" busy={pending === "sign-out"} onClick={() => run("sign-out", session.signOut)}>
                {t("signOut")}
              </Button>
            </div>
            {failureLine}
          </CardContent>
        </Card>
        {signedInContent}
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="pitch-title" className="space-y-4">
        <h1 id="pitch-title" className="text-3xl font-bold tracking-tight text-slate-900">
          {t("pitchTitle")}
        </h1>
        <p className="max-w-prose text-slate-700">{t("pitch")}</p>
        <div className="flex flex-wrap gap-3">
          <Button busy={pending === "sign-in"} disabled={pending !== null} onClick={() => run("sign-in", session.signIn)}>
            {t("signIn")}
          </Button>
          <Button variant="secondary" busy={pending === "sign-up"} disabled={pending !== null} onClick={() => run("sign-up", session.signUp)}>
            {t("signUp")}
          </Button>
        </div>
        {failureLine}
      </section>
      {session.state === "error" ? (
        <Card role="alert">
          <CardTitle>{t("sessionErrorTitle")}</CardTitle>
          <CardContent className="mt-2">
            <p className="text-sm text-slate-700">{sessionErrorText(session) ?? session.error}</p>
            <Button variant="secondary" onClick={() => run("retry", session.reloadUser)}>
              {t("retry")}
            </Button>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
