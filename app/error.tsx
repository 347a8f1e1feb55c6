"use client";
/**
 * A page that threw while rendering: said in the page's locale (the root layout and its
 * NextIntlClientProvider still stand), with a way to try again. The error itself goes to the
 * console; the user sees Next's digest, which names it in the server log, and never its message.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button, buttonClassName } from "@gradual/kit/react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error("[gradual] the page could not be shown", error);
  }, [error]);
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("errorTitle")}</h1>
      <p className="max-w-prose text-slate-700">{t("error")}</p>
      {error.digest ? <p className="text-sm text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
      <div className="flex flex-wrap gap-3">
        <Button onClick={reset}>{t("retry")}</Button>
        <Link href="/" className={buttonClassName("secondary")}>
          {t("backHome")}
        </Link>
      </div>
    </div>
  );
}
