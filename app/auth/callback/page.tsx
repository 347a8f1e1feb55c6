import type { Metadata } from "next";
import { AuthCallback } from "@/components/auth/auth-callback";
import { HomePage } from "@/components/home-page";

export const metadata: Metadata = { title: "Signing in" };

export default function AuthCallbackPage() {
  // Once signed in, the home page shows right here and the address becomes "/".
  return <AuthCallback home={<HomePage />} />;
}
