import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AuthgearProvider, IntentLink } from "@gradual/kit/react";
import { SiteFooter } from "@/app/_components/site-footer";
import { SITE_NAME } from "@/app/_components/site";
import { gradual } from "@/app/gradual.server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: "Progressive profiling on Authgear: one or two questions after each sign-in.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read the Authgear config per request, not at build time: one build runs against any project.
  await connection();
  const authgear = gradual.publicAuthgearConfig();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <AuthgearProvider config={authgear}>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-3xl items-center px-4 py-3">
              <IntentLink href="/" className="text-lg font-bold tracking-tight text-indigo-800">
                {SITE_NAME}
              </IntentLink>
            </div>
          </header>
          <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">{children}</main>
          <SiteFooter />
        </AuthgearProvider>
      </body>
    </html>
  );
}
