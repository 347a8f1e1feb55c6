"use client";
/**
 * How an embedding app uses the kit: the inline variant of <ProfilePrompt /> inside its own page,
 * with its own class names, its own heading, and callbacks. (See docs/embedding.md.)
 */
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button, ProfilePrompt, useSession, type SubmitOutcome } from "@gradual/kit/react";
import { profileCatalog } from "@/profile.config";
import { promptActions } from "./prompt-props";

export function InlineExample() {
  const t = useTranslations("inline");
  const home = useTranslations("home");
  const format = useFormatter();
  const session = useSession();
  const [events, setEvents] = useState<string[]>([]);
  const log = (line: string) => setEvents((e) => [...e, line]);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>

      {session.state === "signed-in" ? (
        <ProfilePrompt
          variant="inline"
          getAccessToken={session.accessToken}
          catalog={profileCatalog}
          actions={promptActions}
          labels={{ heading: t("promptHeading"), save: t("promptSave") }}
          classNames={{
            root: "border-2 border-teal-700 bg-teal-50 rounded-2xl",
            heading: "text-teal-900 text-xl",
            input: "border-teal-700",
          }}
          onSaved={(outcome: SubmitOutcome) =>
            log(outcome.answered.length > 0 ? t("saved", { attributes: format.list(outcome.answered) }) : t("savedNothing"))
          }
          onSkipped={(attributes) => log(t("skipped", { attributes: format.list(attributes) }))}
          onDismissed={() => log(t("dismissed"))}
        />
      ) : session.state === "loading" ? (
        <p aria-busy="true">{home("checkingSession")}</p>
      ) : (
        <div className="space-y-3">
          <p className="text-slate-700">{t("signInToSee")}</p>
          <Button onClick={() => void session.signIn()}>{home("signIn")}</Button>
        </div>
      )}

      <section aria-labelledby="events-title" className="space-y-2">
        <h2 id="events-title" className="text-sm font-semibold text-slate-900">
          {t("callbacks")}
        </h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="list-disc ps-5 text-sm text-slate-700">
            {events.map((event, i) => (
              <li key={i}>{event}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
