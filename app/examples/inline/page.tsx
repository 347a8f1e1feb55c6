import type { Metadata } from "next";
import { InlineExample } from "@/app/_components/inline-example";

export const metadata: Metadata = { title: "Example: the inline prompt" };

export default function InlineExamplePage() {
  return <InlineExample />;
}
