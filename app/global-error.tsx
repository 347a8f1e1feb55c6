"use client";
/**
 * The root layout itself failed: this replaces the whole document, without the layout's message
 * provider, so its words come from app/_i18n/global-error-text.ts, in the locale the failed page
 * had (its `<html lang>`) or the browser's. On the server nothing of the request is known here, so
 * the first render leaves `lang` out and the browser's render picks the locale.
 */
import { useEffect, useSyncExternalStore } from "react";
import { localeDirection } from "@gradual/kit/catalog";
import { GLOBAL_ERROR_TEXT, pickGlobalErrorLocale } from "@/app/_i18n/global-error-text";
import "./globals.css";

const noSubscription = () => () => {};
const browserLocale = () => pickGlobalErrorLocale(document.documentElement.getAttribute("lang"), navigator.languages);
const serverLocale = () => null;

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, serverLocale);
  const text = GLOBAL_ERROR_TEXT[locale ?? "en"];
  useEffect(() => {
    console.error("[gradual] the page could not be shown", error);
  }, [error]);
  return (
    <html lang={locale ?? undefined} dir={locale ? localeDirection(locale) : undefined}>
      <body className="flex min-h-screen flex-col">
        <main className="mx-auto w-full max-w-3xl flex-1 space-y-4 px-4 py-10" role="alert">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{text.title}</h1>
          <p className="max-w-prose text-slate-700">{text.body}</p>
          {error.digest ? (
            <p className="text-sm text-slate-500" dir="ltr">
              {error.digest}
            </p>
          ) : null}
          <button type="button" onClick={reset} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800">
            {text.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
