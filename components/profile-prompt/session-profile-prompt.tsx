"use client";
import { useSession } from "@/lib/authgear/session";
import { ProfilePrompt, type ProfilePromptProps } from "./profile-prompt";

/** <ProfilePrompt /> for the signed-in user of this app's <AuthgearProvider>. */
export function SessionProfilePrompt(props: Omit<ProfilePromptProps, "getAccessToken">) {
  const session = useSession();
  if (session.state !== "signed-in") return null;
  return <ProfilePrompt getAccessToken={session.accessToken} {...props} />;
}
