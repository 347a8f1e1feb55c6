import { GradualIntlProvider, AuthgearProvider } from "@gradual/kit/react";
import { localeDirection } from "@gradual/kit/catalog";
import { loadKitMessages, requestLocale } from "@gradual/kit/server";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { gradual } from "./gradual.server";
import "./globals.css";

export const metadata: Metadata = { title: "Example app" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The browser SDK's settings, read per request so one build runs against any Authgear.
  await connection();
  // This app has no next-intl: the kit negotiates the request's locale (Accept-Language here) and
  // hands its own messages, in that locale only, to its components through GradualIntlProvider.
  const { locale } = await requestLocale();
  const messages = await loadKitMessages(locale);
  return (
    <html lang={locale} dir={localeDirection(locale)}>
      <body className="bg-slate-50 text-slate-900">
        <GradualIntlProvider locale={locale} messages={messages}>
          <AuthgearProvider config={gradual.publicAuthgearConfig()}>
            <main className="mx-auto max-w-xl space-y-6 px-4 py-10">{children}</main>
          </AuthgearProvider>
        </GradualIntlProvider>
      </body>
    </html>
  );
}
