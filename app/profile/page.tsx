import type { Metadata } from "next";
import { AppProfilePage } from "@/app/_components/profile-page";

export const metadata: Metadata = { title: "Your profile" };

export default function Page() {
  return <AppProfilePage />;
}
