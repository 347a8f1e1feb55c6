import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { localeDirection } from "@gradual/kit/catalog";
import { AuthgearLocaleSync, AuthgearProvider, IntentLink, LanguageMenu } from "@gradual/kit/react";
import { chooseLocale, rememberAuthgearLocale } from "@/app/actions";
import { SiteFooter } from "@/app/_components/site-footer";
import { SITE_NAME } from "@/app/_components/site";
import { gradual } from "@/app/gradual.server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  return {
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: t("description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read the Authgear config per request, not at build time: one build runs against any project.
  await connection();
  const authgear = gradual.publicAuthgearConfig();
  // The request's locale (language menu, Authgear `locale`, Accept-Language, default: ADR 019),
  // on <html> in the first byte, and only its messages handed to the browser.
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <html lang={locale} dir={localeDirection(locale)}>
      <body className="flex min-h-screen flex-col">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
          <AuthgearProvider config={authgear}>
            <header className="border-b border-slate-200 bg-white">
              <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
                <IntentLink href="/" className="text-lg font-bold tracking-tight text-indigo-800">
                  {SITE_NAME}
                </IntentLink>
                <LanguageMenu actions={{ chooseLocale }} />
              </div>
              <AuthgearLocaleSync actions={{ rememberAuthgearLocale }} />
            </header>
            <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">{children}</main>
            <SiteFooter />
          </AuthgearProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
