import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppProfilePage } from "@/app/_components/profile-page";

/** The page's title in the request's locale: the page's own heading (the kit's profile.heading). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gradual.profile");
  return { title: t("heading") };
}

export default function Page() {
  return <AppProfilePage />;
}
