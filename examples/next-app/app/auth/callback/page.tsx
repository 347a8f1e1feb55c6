"use client";
import { useSession } from "@gradual/kit/react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Where Authgear sends the browser back: finishes the sign-in, then goes home. */
export default function AuthCallbackPage() {
  const { completeSignIn } = useSession();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    completeSignIn().then(
      () => router.replace("/"),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [completeSignIn, router]);
  return failure ? <p role="alert">Sign-in didn&apos;t complete: {failure}</p> : <p role="status">Finishing sign-in…</p>;
}
