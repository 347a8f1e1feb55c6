"use client";
/**
 * /profile: what Gradual knows about the signed-in user, where each value came from and when, with
 * edit, clear, "ask me again", the enrichment switch and a JSON download. All data travels through
 * the app's Server Actions (the `actions` prop) with the session's access token. Each value is
 * edited with the prompt's own control (CatalogField), in the prompt's locale, checked with the
 * same schema.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { ProfilePageActions } from "@/components/actions";
import { CatalogField, type CatalogForm } from "@/components/catalog-field/catalog-field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadPhoneRule } from "#kit/phone-rule";
import { useLocale } from "use-intl";
import { useSession } from "@/lib/authgear/session";
import { accountExport, type AccountAttribute, type AccountView } from "@/lib/account/account";
import { findQuestion, type ProfileCatalog, type Question } from "@/lib/catalog/catalog";
import { promptFormSchema, type PromptFormOutput, type PromptFormValues } from "@/lib/prompt/form";
import type { ActionResult } from "@/lib/actions/result";
import { formField, type FormField } from "@/lib/catalog/schemas";

type ViewResult = ActionResult<{ view: AccountView }>;

function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

function displayValue(attribute: AccountAttribute, field: FormField | undefined): string {
  if (attribute.value === null) return "Not set";
  const text = String(attribute.value);
  const option = field?.options?.find((o) => o.value === text);
  if (option) return field?.control === "country" ? `${option.label} (${text})` : option.label;
  return text;
}

/** The signed-in user's profile, or why it could not be loaded; never throws. */
async function loadView(getMyProfile: ProfilePageActions["getMyProfile"], accessToken: () => Promise<string>): Promise<{ view: AccountView } | { error: string }> {
  try {
    const result = await getMyProfile(await accessToken(), {});
    return result.ok ? { view: result.view } : { error: result.error.message };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export interface ProfilePageProps {
  /** The app's question catalog (the one its Server Actions were created with). */
  catalog: ProfileCatalog;
  /** The Server Actions, from the app's own "use server" module. */
  actions: ProfilePageActions;
  /** For the questions' labels, options and country names; default: the browser's language, as the prompt's. */
  locale?: string;
}

export function ProfilePage({ catalog, actions, locale: givenLocale }: ProfilePageProps) {
  const session = useSession();
  const intlLocale = useLocale();
  const locale = givenLocale ?? intlLocale;
  // Each question as a form field in the page's locale (a country's options are every country's name in it).
  const fields = useMemo(() => new Map(catalog.questions.map((q) => [q.attribute, formField(q, locale, catalog.defaultLocale)])), [catalog, locale]);
  const [view, setView] = useState<AccountView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { accessToken } = session;
  const signedIn = session.state === "signed-in";

  // Sets state only once the answer is in (the effect below calls it); "Try again" clears the error itself.
  const load = useCallback(
    () =>
      loadView(actions.getMyProfile, accessToken).then((loaded) => {
        if ("view" in loaded) {
          setView(loaded.view);
          setLoadError(null);
        } else setLoadError(loaded.error);
      }),
    [actions.getMyProfile, accessToken],
  );

  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  /** Runs one action at a time; shows its outcome in the status line, or its error. */
  const run = async (name: string, action: (token: string) => Promise<ViewResult>, done: string): Promise<ViewResult | null> => {
    setBusy(name);
    setActionError(null);
    setStatus("");
    try {
      const result = await action(await accessToken());
      if (result.ok) {
        setView(result.view);
        setStatus(done);
      } else if (result.error.code !== "invalid_input") {
        setActionError(result.error.message);
      }
      return result;
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
      return null;
    } finally {
      setBusy(null);
    }
  };

  if (session.state === "loading") {
    return (
      <div aria-busy="true" className="space-y-3">
        <p className="sr-only">Checking your session…</p>
        <div aria-hidden="true" className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      </div>
    );
  }

  if (!signedIn) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your profile</h1>
        <p className="text-slate-700">Sign in to see and change what Gradual knows about you.</p>
        <Button onClick={() => void session.signIn()}>Sign in</Button>
      </div>
    );
  }

  const download = () => {
    if (!view) return;
    const json = JSON.stringify(accountExport(view, new Date()), null, 2);
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "gradual-profile.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your profile</h1>
        <p className="max-w-prose text-slate-700">
          Everything Gradual keeps in your Authgear profile, where each value came from, and why we ask for it. Change or clear
          any of it here.
        </p>
        <p role="status" className="min-h-5 text-sm font-medium text-emerald-800">
          {status}
        </p>
      </div>
      {actionError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {actionError}
        </p>
      ) : null}

      {loadError ? (
        <Card role="alert">
          <CardTitle>We couldn&apos;t load your profile</CardTitle>
          <CardContent className="mt-2">
            <p className="text-sm text-slate-700">{loadError}</p>
            <Button
              variant="secondary"
              onClick={() => {
                setLoadError(null);
                void load();
              }}
            >
              Try again
            </Button>
          </CardContent>
        </Card>
      ) : !view ? (
        <div aria-busy="true">
          <p className="text-sm text-slate-600">Loading your profile…</p>
        </div>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Privacy</CardTitle>
              <CardDescription>
                {view.enrichmentOptOut
                  ? "Enrichment is off: Gradual does not fill in anything about you from your sign-ins or your browser."
                  : "Enrichment is on: when your city, country or time zone is empty, Gradual estimates it from your sign-in (your IP address, looked up offline and never stored) or your browser."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <div className="flex flex-wrap gap-3">
                <Button
                  variant="secondary"
                  busy={busy === "opt-out"}
                  disabled={busy !== null}
                  onClick={() =>
                    void run(
                      "opt-out",
                      (token) => actions.setMyEnrichmentOptOut(token, { optOut: !view.enrichmentOptOut }),
                      view.enrichmentOptOut ? "Enrichment is on again." : "Enrichment is off. Nothing will be filled in for you.",
                    )
                  }
                >
                  {view.enrichmentOptOut ? "Turn enrichment on" : "Turn enrichment off"}
                </Button>
                <Button variant="secondary" onClick={download}>
                  Download my profile (JSON)
                </Button>
              </div>
            </CardContent>
          </Card>

          <section aria-labelledby="profile-values" className="space-y-4">
            <h2 id="profile-values" className="text-xl font-semibold text-slate-900">
              Your details
            </h2>
            <ul className="space-y-4">
              {view.attributes.map((attribute) => {
                return (
                  <AttributeRow
                    key={attribute.attribute}
                    attribute={attribute}
                    question={findQuestion(catalog, attribute.attribute)}
                    field={fields.get(attribute.attribute)}
                    locale={locale}
                    actions={actions}
                    busy={busy}
                    run={run}
                    country={userCountry(catalog, view)}
                  />
                );
              })}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

/** The user's country attribute, where a phone number's country selector starts. */
function userCountry(catalog: ProfileCatalog, view: AccountView): string | undefined {
  const attribute = view.attributes.find((a) => findQuestion(catalog, a.attribute)?.type === "alpha2" && typeof a.value === "string" && a.value !== "");
  return attribute ? String(attribute.value) : undefined;
}

interface AttributeRowProps {
  attribute: AccountAttribute;
  /** The catalog's question for the attribute (none when the catalog no longer asks for it: then it cannot be edited). */
  question: Question | undefined;
  /** The question in the page's locale. */
  field: FormField | undefined;
  locale: string;
  actions: ProfilePageActions;
  /** The user's country, for a phone number's selector. */
  country: string | undefined;
  busy: string | null;
  run: (name: string, action: (token: string) => Promise<ViewResult>, done: string) => Promise<ViewResult | null>;
}

function AttributeRow({ attribute, question, field, locale, actions, country, busy, run }: AttributeRowProps) {
  const name = attribute.attribute;
  const [editing, setEditing] = useState(false);
  // The prompt's form for this one question: the same schema, the same validation timing.
  const resolver = useMemo(() => (question ? zodResolver(promptFormSchema([question])) : undefined), [question]);
  const form: CatalogForm = useForm<PromptFormValues, unknown, PromptFormOutput>({ resolver, mode: "onSubmit", reValidateMode: "onChange", shouldFocusError: true });
  const headingId = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const controlRef = useRef<HTMLElement | null>(null);
  const wasEditing = useRef(false);
  // In the page's locale, as the field says them (the server's view has the catalog's default locale).
  const label = field?.label ?? attribute.label;
  const purpose = field?.purpose ?? attribute.purpose;
  const { source } = attribute;

  // Focus follows the edit: into the field when it opens, back to Edit when it closes.
  useEffect(() => {
    if (editing) controlRef.current?.focus();
    else if (wasEditing.current) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async () => {
    if (!question) return;
    if (question.type === "phone_number") {
      try {
        await loadPhoneRule(); // libphonenumber's metadata, loaded only for a phone number
      } catch {
        form.setError(name, { type: "phone-rule", message: "We couldn't load what checks phone numbers. Check your connection and try again." });
        return;
      }
    }
    await form.handleSubmit(async (answers) => {
      const value = answers[name];
      if (value === undefined) {
        form.setError(name, { type: "required", message: "Enter a value, or use Clear to remove it." }, { shouldFocus: true });
        return;
      }
      const result = await run(`save-${name}`, (token) => actions.saveMyProfileValues(token, { values: { [name]: value } }), `${label} saved.`);
      if (result && !result.ok && result.error.code === "invalid_input") {
        form.setError(name, { type: "server", message: result.error.fieldErrors?.[name] ?? result.error.message }, { shouldFocus: true });
        return;
      }
      if (result?.ok) setEditing(false);
    })();
  };

  const disabled = busy !== null;
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {label}
          </h3>
          <p className={attribute.value === null ? "text-slate-600 italic" : "text-slate-900"} data-testid={`value-${name}`}>
            {displayValue(attribute, field)}
          </p>
          <p className="text-sm text-slate-600" data-testid={`source-${name}`}>
            {attribute.value === null ? (attribute.clearedByYou ? "Cleared by you" : "Nobody has filled this in yet") : source.words}
            {source.at !== null ? (
              <>
                {" · "}
                <time dateTime={new Date(source.at).toISOString()}>{formatTime(source.at)}</time>
              </>
            ) : null}
            {source.unconfirmedGuess ? " · not confirmed yet" : null}
          </p>
          <p className="text-sm text-slate-600">
            <span className="font-medium">Why we ask:</span> {purpose}
          </p>
          {attribute.declinedAt !== null ? (
            <p className="text-sm text-slate-700">
              You asked us not to ask about this again ({formatTime(attribute.declinedAt)}).
            </p>
          ) : null}
        </div>
        {!editing ? (
          <div className="flex flex-wrap gap-2">
            <Button
              ref={editRef}
              variant="secondary"
              className="min-h-9 px-3 py-1"
              disabled={disabled}
              onClick={() => {
                form.reset({ [name]: attribute.value === null ? "" : String(attribute.value) });
                setEditing(true);
              }}
            >
              Edit<span className="sr-only"> {label}</span>
            </Button>
            {attribute.value !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `clear-${name}`}
                disabled={disabled}
                onClick={() => void run(`clear-${name}`, (token) => actions.saveMyProfileValues(token, { values: { [name]: null } }), `${label} cleared.`)}
              >
                Clear<span className="sr-only"> {label}</span>
              </Button>
            ) : null}
            {attribute.declinedAt !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `undecline-${name}`}
                disabled={disabled}
                onClick={() => void run(`undecline-${name}`, (token) => actions.undoMyDecline(token, { attribute: name }), `We may ask about ${label.toLowerCase()} again.`)}
              >
                Ask me again<span className="sr-only"> about {label}</span>
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {editing && field ? (
        <form
          noValidate
          className="mt-4 space-y-3"
          aria-label={`Edit ${label}`}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <CatalogField field={field} form={form} locale={locale} phoneCountry={country} controlRef={controlRef} />
          <div className="flex gap-2">
            <Button type="submit" busy={busy === `save-${name}`} disabled={disabled}>
              Save<span className="sr-only"> {label}</span>
            </Button>
            <Button variant="ghost" disabled={disabled} onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
