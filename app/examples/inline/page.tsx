import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InlineExample } from "@/app/_components/inline-example";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inline");
  return { title: t("title") };
}

export default function InlineExamplePage() {
  return <InlineExample />;
}
