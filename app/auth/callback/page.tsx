import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCallback } from "@/app/_components/auth-callback";
import { HomePage } from "@/app/_components/home-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callback");
  return { title: t("title") };
}

export default function AuthCallbackPage() {
  // Once signed in, the home page shows right here and the address becomes "/".
  return <AuthCallback home={<HomePage />} />;
}
