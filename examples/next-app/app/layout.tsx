import { AuthgearProvider } from "@gradual/kit/react";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { gradual } from "./gradual.server";
import "./globals.css";

export const metadata: Metadata = { title: "Example app" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The browser SDK's settings, read per request so one build runs against any Authgear.
  await connection();
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900">
        <AuthgearProvider config={gradual.publicAuthgearConfig()}>
          <main className="mx-auto max-w-xl space-y-6 px-4 py-10">{children}</main>
        </AuthgearProvider>
      </body>
    </html>
  );
}
