"use client";
/**
 * /profile: what Gradual knows about the signed-in user, where each value came from and when, with
 * edit, clear, "ask me again", the enrichment switch and a JSON download. All data travels through
 * the Server Actions of lib/account/actions.ts with the session's access token.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, inputClassName } from "@/components/ui/field";
import { PhoneField } from "@/components/ui/phone-field";
import { loadPhoneRule } from "#kit/phone-rule";
import { useSession } from "@/lib/authgear/session";
import { accountExport, type AccountAttribute, type AccountView } from "@/lib/account/account";
import { getMyProfile, saveMyProfileValues, setMyEnrichmentOptOut, undoMyDecline } from "@/app/actions";
import { findQuestion } from "@/lib/catalog/catalog";
import { promptFormSchema } from "@/lib/prompt/form";
import type { ActionResult } from "@/lib/prompt/prompt-types";
import { countryOptions, formField, type FormField } from "@/lib/catalog/schemas";
import { profileCatalog } from "@/profile.config";

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
async function loadView(accessToken: () => Promise<string>): Promise<{ view: AccountView } | { error: string }> {
  try {
    const result = await getMyProfile(await accessToken(), {});
    return result.ok ? { view: result.view } : { error: result.error.message };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function ProfilePage() {
  const session = useSession();
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
      loadView(accessToken).then((loaded) => {
        if ("view" in loaded) {
          setView(loaded.view);
          setLoadError(null);
        } else setLoadError(loaded.error);
      }),
    [accessToken],
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
                      (token) => setMyEnrichmentOptOut(token, { optOut: !view.enrichmentOptOut }),
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
              {view.attributes.map((attribute) => (
                <AttributeRow key={attribute.attribute} attribute={attribute} busy={busy} run={run} country={userCountry(view)} />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

/** The user's country attribute, where a phone number's country selector starts. */
function userCountry(view: AccountView): string | undefined {
  const attribute = view.attributes.find((a) => findQuestion(profileCatalog, a.attribute)?.type === "alpha2" && typeof a.value === "string" && a.value !== "");
  return attribute ? String(attribute.value) : undefined;
}

interface AttributeRowProps {
  attribute: AccountAttribute;
  /** The user's country, for a phone number's selector. */
  country: string | undefined;
  busy: string | null;
  run: (name: string, action: (token: string) => Promise<ViewResult>, done: string) => Promise<ViewResult | null>;
}

function AttributeRow({ attribute, busy, run, country }: AttributeRowProps) {
  const question = findQuestion(profileCatalog, attribute.attribute);
  const field = question ? formField(question, "en", profileCatalog.defaultLocale) : undefined;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const headingId = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const controlRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const wasEditing = useRef(false);
  // The phone control replaces its plain stand-in once its code has arrived: focus moves over with it.
  const handOver = useRef(false);
  const plainRef = (element: (HTMLInputElement & HTMLSelectElement) | null) => {
    if (!element && controlRef.current === document.activeElement) handOver.current = field?.control === "tel";
    controlRef.current = element;
  };
  const phoneRef = (element: HTMLInputElement | null) => {
    controlRef.current = element as (HTMLInputElement & HTMLSelectElement) | null;
    if (element && handOver.current) element.focus();
    handOver.current = false;
  };
  const { label, source } = attribute;

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
        setError("We couldn't load what checks phone numbers. Check your connection and try again.");
        return;
      }
    }
    const parsed = promptFormSchema([question]).safeParse({ [attribute.attribute]: draft });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check this value");
      return;
    }
    const value = parsed.data[attribute.attribute];
    if (value === undefined) {
      setError("Enter a value, or use Clear to remove it.");
      return;
    }
    const result = await run(`save-${attribute.attribute}`, (token) => saveMyProfileValues(token, { values: { [attribute.attribute]: value } }), `${label} saved.`);
    if (result && !result.ok && result.error.code === "invalid_input") {
      setError(result.error.fieldErrors?.[attribute.attribute] ?? result.error.message);
      return;
    }
    if (result?.ok) {
      setEditing(false);
      setError(undefined);
    }
  };

  const plain = field ? (
    <Field label={label} hint={field.help} error={error} id={`edit-${attribute.attribute}`}>
      {(control) =>
        field.control === "select" || field.control === "country" || field.control === "radio" ? (
          <select {...control} ref={plainRef} value={draft} onChange={(e) => setDraft(e.target.value)} className={inputClassName}>
            <option value="">Choose…</option>
            {(field.control === "country" ? countryOptions("en") : (field.options ?? [])).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...control}
            ref={plainRef}
            type={field.control === "number" ? "number" : field.control}
            inputMode={field.inputMode}
            autoComplete={field.autoComplete}
            placeholder={field.placeholder}
            min={field.min}
            max={field.max}
            step={field.step}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className={inputClassName}
          />
        )
      }
    </Field>
  ) : null;

  const disabled = busy !== null;
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {label}
          </h3>
          <p className={attribute.value === null ? "text-slate-600 italic" : "text-slate-900"} data-testid={`value-${attribute.attribute}`}>
            {displayValue(attribute, field)}
          </p>
          <p className="text-sm text-slate-600" data-testid={`source-${attribute.attribute}`}>
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
            <span className="font-medium">Why we ask:</span> {attribute.purpose}
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
                setDraft(attribute.value === null ? "" : String(attribute.value));
                setError(undefined);
                setEditing(true);
              }}
            >
              Edit<span className="sr-only"> {label}</span>
            </Button>
            {attribute.value !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `clear-${attribute.attribute}`}
                disabled={disabled}
                onClick={() => void run(`clear-${attribute.attribute}`, (token) => saveMyProfileValues(token, { values: { [attribute.attribute]: null } }), `${label} cleared.`)}
              >
                Clear<span className="sr-only"> {label}</span>
              </Button>
            ) : null}
            {attribute.declinedAt !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `undecline-${attribute.attribute}`}
                disabled={disabled}
                onClick={() =>
                  void run(`undecline-${attribute.attribute}`, (token) => undoMyDecline(token, { attribute: attribute.attribute }), `We may ask about ${label.toLowerCase()} again.`)
                }
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
          {field.control === "tel" ? (
            <PhoneField
              fallback={plain}
              id={`edit-${attribute.attribute}`}
              label={label}
              hint={field.help}
              error={error}
              value={draft}
              onChange={(value) => {
                setDraft(value);
                setError(undefined);
              }}
              defaultRegion={country}
              placeholder={field.placeholder}
              autoComplete={field.autoComplete}
              inputRef={phoneRef}
            />
          ) : (
            plain
          )}
          <div className="flex gap-2">
            <Button type="submit" busy={busy === `save-${attribute.attribute}`} disabled={disabled}>
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
