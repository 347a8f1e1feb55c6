import type { Metadata } from "next";
import { AuthCallback } from "@/app/_components/auth-callback";
import { HomePage } from "@/app/_components/home-page";

export const metadata: Metadata = { title: "Signing in" };

export default function AuthCallbackPage() {
  // Once signed in, the home page shows right here and the address becomes "/".
  return <AuthCallback home={<HomePage />} />;
}
