"use client";
import { ProfilePrompt, useSession } from "@gradual/kit/react";
import { catalog } from "../catalog";
import { dismissProfilePrompt, getProfilePrompt, submitProfileAnswers } from "./actions";

const actions = { getProfilePrompt, submitProfileAnswers, dismissProfilePrompt };

/** Sign in or up; once signed in, Gradual's prompt asks this app's questions. */
export function Home() {
  const session = useSession();
  if (session.state === "loading") return <p>Checking your session…</p>;
  if (session.state === "error") return <p role="alert">{session.error}</p>;
  if (session.state === "signed-out" || !session.user) {
    return (
      <>
        <h1 className="text-2xl font-bold">Example app</h1>
        <div className="flex gap-3">
          <button type="button" className="rounded bg-indigo-700 px-4 py-2 text-white" onClick={() => void session.signUp()}>
            Sign up
          </button>
          <button type="button" className="rounded border px-4 py-2" onClick={() => void session.signIn()}>
            Sign in
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-bold">Hello</h1>
      <p>Signed in as {session.user.email ?? session.user.sub}</p>
      <ProfilePrompt getAccessToken={session.accessToken} catalog={catalog} actions={actions} locale="en" />
      <button type="button" className="rounded border px-4 py-2" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </>
  );
}
