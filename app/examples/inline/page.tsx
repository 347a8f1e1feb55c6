import type { Metadata } from "next";
import { InlineExample } from "@/components/examples/inline-example";

export const metadata: Metadata = { title: "Example: the inline prompt" };

export default function InlineExamplePage() {
  return <InlineExample />;
}
