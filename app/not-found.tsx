import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClassName } from "@gradual/kit/react";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFoundTitle") };
}

/** Any address without a page: said in the request's locale, inside the layout (header, footer, language menu). */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("notFoundTitle")}</h1>
      <p className="max-w-prose text-slate-700">{t("notFound")}</p>
      <Link href="/" className={buttonClassName("secondary")}>
        {t("backHome")}
      </Link>
    </div>
  );
}
