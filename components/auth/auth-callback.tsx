"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authgear/browser";
import { useSession } from "@/lib/authgear/session";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { loadProfilePrompt } from "@/components/profile-prompt/session-profile-prompt";

/** Finishes the sign-in Authgear redirected back with, then goes home; shows why when it cannot. */
export function AuthCallback() {
  const { completeSignIn } = useSession();
  const router = useRouter();
  const [failure, setFailure] = useState<{ title: string; detail: string } | null>(null);

  // Home shows the profile prompt to the user signing in: its code downloads during the token exchange.
  useEffect(() => {
    loadProfilePrompt().catch(() => {
      /* SessionProfilePrompt tries again and copes without it */
    });
  }, []);

  useEffect(() => {
    let active = true;
    // completeSignIn() exchanges the code once per page load, however often this effect runs.
    completeSignIn().then(
      () => active && router.replace("/"),
      (error: unknown) => active && setFailure(describeAuthError(error)),
    );
    return () => {
      active = false;
    };
  }, [completeSignIn, router]);

  if (!failure) {
    return (
      <div aria-busy="true" aria-live="polite">
        <p className="text-slate-700">Finishing sign-in…</p>
      </div>
    );
  }
  return (
    <Card role="alert" aria-labelledby="callback-error-title">
      <CardHeader>
        <CardTitle as="h1" id="callback-error-title" className="text-2xl">
          Sign-in didn&apos;t complete
        </CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-slate-700">{failure.detail}</p>
        {failure.title !== failure.detail ? <p className="text-sm text-slate-500">Error code: {failure.title}</p> : null}
        <Link href="/" className={buttonClassName("secondary")}>
          Back to home
        </Link>
      </CardContent>
    </Card>
  );
}
