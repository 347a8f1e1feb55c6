import { AuthgearProvider } from "@gradual/kit/react";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = { title: "Example app" };

/** The browser SDK's settings, read per request so one build runs against any Authgear. */
function authgearConfig(): { endpoint: string; clientID: string } {
  const endpoint = process.env.AUTHGEAR_ENDPOINT?.trim();
  const clientID = process.env.AUTHGEAR_CLIENT_ID?.trim();
  if (!endpoint || !clientID) throw new Error("Set AUTHGEAR_ENDPOINT and AUTHGEAR_CLIENT_ID (README.md)");
  return { endpoint, clientID };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900">
        <AuthgearProvider config={authgearConfig()}>
          <main className="mx-auto max-w-xl space-y-6 px-4 py-10">{children}</main>
        </AuthgearProvider>
      </body>
    </html>
  );
}
