"use client";
/**
 * How an embedding app uses the kit: the inline variant of <ProfilePrompt /> inside its own page,
 * with its own class names, its own heading, and callbacks. (See docs/embedding.md.)
 */
import { useState } from "react";
import { Button, ProfilePrompt, useSession, type SubmitOutcome } from "@gradual/kit/react";
import { profileCatalog } from "@/profile.config";
import { promptActions } from "./prompt-props";

export function InlineExample() {
  const session = useSession();
  const [events, setEvents] = useState<string[]>([]);
  const log = (line: string) => setEvents((e) => [...e, line]);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your workspace</h1>
        <p className="text-slate-700">
          An example of another app&apos;s page embedding the prompt inline, styled its own way. It shows this sign-in&apos;s
          questions, the same ones as the home page.
        </p>
      </div>

      {session.state === "signed-in" ? (
        <ProfilePrompt
          variant="inline"
          getAccessToken={session.accessToken}
          catalog={profileCatalog}
          actions={promptActions}
          labels={{ heading: "Help us tailor your workspace", save: "Save answers" }}
          classNames={{
            root: "border-2 border-teal-700 bg-teal-50 rounded-2xl",
            heading: "text-teal-900 text-xl",
            input: "border-teal-700",
          }}
          onSaved={(outcome: SubmitOutcome) => log(`Saved: ${outcome.answered.join(", ") || "nothing"}`)}
          onSkipped={(attributes) => log(`Skipped: ${attributes.join(", ")}`)}
          onDismissed={() => log("Dismissed")}
        />
      ) : session.state === "loading" ? (
        <p aria-busy="true">Checking your session…</p>
      ) : (
        <div className="space-y-3">
          <p className="text-slate-700">Sign in to see the example.</p>
          <Button onClick={() => void session.signIn()}>Sign in</Button>
        </div>
      )}

      <section aria-labelledby="events-title" className="space-y-2">
        <h2 id="events-title" className="text-sm font-semibold text-slate-900">
          Callbacks received
        </h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {events.map((event, i) => (
              <li key={i}>{event}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
