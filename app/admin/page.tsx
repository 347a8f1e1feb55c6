import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppAdminDashboard } from "@/app/_components/admin-dashboard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gradual.admin");
  return { title: t("heading") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);

/** ?from= and ?to= are ISO 8601 instants (the date-range form writes them). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return <AppAdminDashboard from={one(params.from)} to={one(params.to)} />;
}
