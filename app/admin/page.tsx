import type { Metadata } from "next";
import { AppAdminDashboard } from "@/app/_components/admin-dashboard";

export const metadata: Metadata = { title: "Team dashboard" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);

/** ?from= and ?to= are ISO 8601 instants (the date-range form writes them). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return <AppAdminDashboard from={one(params.from)} to={one(params.to)} />;
}
