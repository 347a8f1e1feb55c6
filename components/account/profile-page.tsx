"use client";
/**
 * /profile: what Gradual knows about the signed-in user, where each value came from and when, with
 * edit, clear, "ask me again", the enrichment switch and a JSON download. All data travels through
 * the app's Server Actions (the `actions` prop) with the session's access token. Each value is
 * edited with the prompt's own control (CatalogField), in the page's locale, checked with the
 * same schema. Above the values: how complete the profile is, with what is left, each a button
 * that opens its question right there.
 *
 * Every word comes from the kit's messages (`profile`, `errors`: lib/i18n/messages), the
 * questions' texts from the catalog in the page's locale (use-intl's locale, the one the server
 * negotiated), numbers and dates through Intl in that locale.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from "react";
import { useForm } from "react-hook-form";
import { useLocale } from "use-intl";
import type { ProfilePageActions } from "@/components/actions";
import { CatalogField, type CatalogForm } from "@/components/catalog-field/catalog-field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadPhoneRule } from "#kit/phone-rule";
import { useSession } from "@/lib/authgear/session";
import { accountExport, profileCompleteness, type AccountAttribute, type AccountView } from "@/lib/account/account";
import { useActionErrorText } from "@/lib/i18n/action-error";
import { useKitTranslations, type KitTranslator } from "@/lib/i18n/use-kit-translations";
import { findQuestion, type ProfileCatalog, type Question } from "@/lib/catalog/catalog";
import { promptFormSchema, type PromptFormOutput, type PromptFormValues } from "@/lib/prompt/form";
import type { ActionResult } from "@/lib/actions/result";
import { formField, type FormField } from "@/lib/catalog/schemas";
import { encodeValidationIssue } from "@/lib/catalog/validation-issues";
import { SourcesCard } from "./sources-card";
import type { AccountEnrichment } from "./sources";

type ViewResult = ActionResult<{ view: AccountView }>;
type ErrorText = ReturnType<typeof useActionErrorText>;
type ProfileT = KitTranslator<"profile">;

/** A moment in the page's locale (in the browser's time zone: the page renders its values in the browser only). */
function formatTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

function displayValue(attribute: AccountAttribute, field: FormField | undefined, locale: string, t: ProfileT): string {
  if (attribute.value === null) return t("notSet");
  if (typeof attribute.value === "number") return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(attribute.value);
  const text = attribute.value;
  const option = field?.options?.find((o) => o.value === text);
  if (option) return field?.control === "country" ? `${option.label} (${text})` : option.label;
  return text;
}

/** The signed-in user's profile, or why it could not be loaded, in the page's language; never throws. */
async function loadView(getMyProfile: ProfilePageActions["getMyProfile"], accessToken: () => Promise<string>, errorText: ErrorText): Promise<{ view: AccountView } | { error: string }> {
  try {
    const result = await getMyProfile(await accessToken(), {});
    return result.ok ? { view: result.view } : { error: errorText(result.error) };
  } catch {
    return { error: errorText({ code: "internal" }) };
  }
}

export interface ProfilePageProps {
  /** The app's question catalog (the one its Server Actions were created with). */
  catalog: ProfileCatalog;
  /** The Server Actions, from the app's own "use server" module. */
  actions: ProfilePageActions;
  /** For the questions' labels, options and country names; default: the page's locale (use-intl's, as the prompt's). */
  locale?: string;
}

export function ProfilePage({ catalog, actions, locale: givenLocale }: ProfilePageProps) {
  const session = useSession();
  const t = useKitTranslations("profile");
  const tSession = useKitTranslations("session");
  const errorText = useActionErrorText();
  const pageLocale = useLocale();
  const locale = givenLocale ?? pageLocale;
  // Each question as a form field in the page's locale (a country's options are every country's name in it).
  const fields = useMemo(() => new Map(catalog.questions.map((q) => [q.attribute, formField(q, locale, catalog.defaultLocale)])), [catalog, locale]);
  const [view, setView] = useState<AccountView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { accessToken } = session;
  const signedIn = session.state === "signed-in";
  // Each row's "open my question" (for the completeness list's buttons), registered by the row.
  const openers = useRef(new Map<string, () => void>());

  // Sets state only once the answer is in (the effect below calls it); "Try again" clears the error itself.
  const load = useCallback(
    () =>
      loadView(actions.getMyProfile, accessToken, errorText).then((loaded) => {
        if ("view" in loaded) {
          setView(loaded.view);
          setLoadError(null);
        } else setLoadError(loaded.error);
      }),
    // errorText is a new function each render; the words it picks do not decide when to load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
        setActionError(errorText(result.error));
      }
      return result;
    } catch {
      setActionError(errorText({ code: "internal" }));
      return null;
    } finally {
      setBusy(null);
    }
  };

  if (session.state === "loading") {
    return (
      <div aria-busy="true" className="space-y-3">
        <p className="sr-only">{t("checkingSession")}</p>
        <div aria-hidden="true" className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      </div>
    );
  }

  if (!signedIn) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="text-slate-700">{t("signedOutIntro")}</p>
        <Button onClick={() => void session.signIn()}>{tSession("signIn")}</Button>
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
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="max-w-prose text-slate-700">{t("intro")}</p>
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
          <CardTitle>{t("loadFailed")}</CardTitle>
          <CardContent className="mt-2">
            <p className="text-sm text-slate-700">{loadError}</p>
            <Button
              variant="secondary"
              onClick={() => {
                setLoadError(null);
                void load();
              }}
            >
              {t("retry")}
            </Button>
          </CardContent>
        </Card>
      ) : !view ? (
        <div aria-busy="true">
          <p className="text-sm text-slate-600">{t("loading")}</p>
        </div>
      ) : (
        <>
          <CompletenessCard view={view} fields={fields} t={t} onAnswer={(attribute) => openers.current.get(attribute)?.()} />

          <Card>
            <CardHeader>
              <CardTitle>{t("privacy")}</CardTitle>
              <CardDescription>{view.enrichmentOptOut ? t("enrichmentOff") : t("enrichmentOn")}</CardDescription>
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
                      view.enrichmentOptOut ? t("enrichmentTurnedOn") : t("enrichmentTurnedOff"),
                    )
                  }
                >
                  {view.enrichmentOptOut ? t("turnEnrichmentOn") : t("turnEnrichmentOff")}
                </Button>
                <Button variant="secondary" onClick={download}>
                  {t("download")}
                </Button>
              </div>
            </CardContent>
          </Card>

          {enrichmentOf(view) ? (
            <SourcesCard
              enrichment={enrichmentOf(view) as AccountEnrichment}
              catalog={catalog}
              locale={locale}
              optOut={view.enrichmentOptOut}
              formatTime={(ms) => formatTime(ms, locale)}
              busy={busy === "consent" ? "consent" : busy !== null ? "other" : null}
              onConsent={(granted) =>
                void run("consent", (token) => consentAction(actions)(token, { granted }), granted ? t("consentAllowed") : t("consentWithdrawn"))
              }
            />
          ) : null}

          <section aria-labelledby="profile-values" className="space-y-4">
            <h2 id="profile-values" className="text-xl font-semibold text-slate-900">
              {t("details")}
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
                    openers={openers}
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

/** The view's sources and consent (lib/account/account.ts `enrichment`), when the server sends them. */
function enrichmentOf(view: AccountView): AccountEnrichment | undefined {
  return (view as AccountView & { enrichment?: AccountEnrichment }).enrichment;
}

type ConsentAction = (accessToken: string, input: { granted: boolean }) => Promise<ViewResult>;

/** The app's setMyEnrichmentConsent action (withdraw = false). */
function consentAction(actions: ProfilePageActions): ConsentAction {
  return (actions as ProfilePageActions & { setMyEnrichmentConsent: ConsentAction }).setMyEnrichmentConsent;
}

interface CompletenessCardProps {
  view: AccountView;
  fields: ReadonlyMap<string, FormField>;
  t: ProfileT;
  /** Opens the row of `attribute` for editing (its field takes the focus). */
  onAnswer: (attribute: string) => void;
}

/** "3 of 10 questions answered", what is left, and a button per question that opens it below (lib/account/account.ts's rule). */
function CompletenessCard({ view, fields, t, onAnswer }: CompletenessCardProps) {
  const { answered, total, left, declined } = profileCompleteness(view);
  const headingId = useId();
  return (
    <Card>
      <section aria-labelledby={headingId} className="space-y-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {t("completeness.heading")}
        </h2>
        <p className="text-slate-900" data-testid="completeness">
          {t("completeness.answered", { answered, total })}
        </p>
        <div aria-hidden="true" className="h-2 w-full overflow-hidden rounded-full bg-slate-200">
          <div className="h-full rounded-full bg-indigo-700" style={{ width: `${total === 0 ? 100 : Math.round((answered / total) * 100)}%` }} />
        </div>
        {left.length === 0 ? (
          <p className="text-sm text-slate-700">{t("completeness.complete")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700" id={`${headingId}-left`}>
              {t("completeness.left", { left: left.length })}
            </p>
            <ul aria-labelledby={`${headingId}-left`} className="flex flex-wrap gap-2">
              {left.map((attribute) => (
                <li key={attribute.attribute}>
                  <Button variant="secondary" className="min-h-9 px-3 py-1" onClick={() => onAnswer(attribute.attribute)}>
                    {t("completeness.answer", { label: fields.get(attribute.attribute)?.label ?? attribute.label })}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
        {declined > 0 ? <p className="text-sm text-slate-600">{t("completeness.declinedNote")}</p> : null}
      </section>
    </Card>
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
  /** Where the row registers its "open for editing" (the completeness list's buttons call it). */
  openers: RefObject<Map<string, () => void>>;
}

function AttributeRow({ attribute, question, field, locale, actions, country, busy, run, openers }: AttributeRowProps) {
  const t = useKitTranslations("profile");
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
  const rowRef = useRef<HTMLLIElement>(null);

  const open = useCallback(() => {
    form.reset({ [name]: attribute.value === null ? "" : String(attribute.value) });
    setEditing(true);
    rowRef.current?.scrollIntoView({ block: "center" });
  }, [form, name, attribute.value]);

  // Only a question the catalog still has can be opened from the completeness list.
  useEffect(() => {
    if (!field) return;
    const map = openers.current;
    map.set(name, open);
    return () => {
      if (map.get(name) === open) map.delete(name);
    };
  }, [openers, name, open, field]);

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
        form.setError(name, { type: "phone-rule", message: t("phoneRuleFailed") });
        return;
      }
    }
    await form.handleSubmit(async (answers) => {
      const value = answers[name];
      if (value === undefined) {
        form.setError(name, { type: "required", message: t("enterValue") }, { shouldFocus: true });
        return;
      }
      const result = await run(`save-${name}`, (token) => actions.saveMyProfileValues(token, { values: { [name]: value } }), t("saved", { label }));
      if (result && !result.ok && result.error.code === "invalid_input") {
        // The server's refusal in the user's language: its validation issue (CatalogField says it), else "please check this answer".
        const issue = result.error.fieldIssues?.[name] ?? { key: "invalid" as const };
        form.setError(name, { type: "server", message: encodeValidationIssue(issue) }, { shouldFocus: true });
        return;
      }
      if (result?.ok) setEditing(false);
    })();
  };

  const disabled = busy !== null;
  return (
    <li ref={rowRef} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {label}
          </h3>
          <p className={attribute.value === null ? "text-slate-600 italic" : "text-slate-900"} data-testid={`value-${name}`}>
            {displayValue(attribute, field, locale, t)}
          </p>
          <p className="text-sm text-slate-600" data-testid={`source-${name}`}>
            {attribute.value === null ? (attribute.clearedByYou ? t("clearedByYou") : t("nobodyYet")) : source.kind === "none" ? t("notSet") : t(`source.${source.kind}`)}
            {source.at !== null ? (
              <>
                {" · "}
                <time dateTime={new Date(source.at).toISOString()}>{formatTime(source.at, locale)}</time>
              </>
            ) : null}
            {source.unconfirmedGuess ? ` · ${t("notConfirmed")}` : null}
          </p>
          <p className="text-sm text-slate-600">
            <span className="font-medium">{t("whyWeAsk")}</span> {purpose}
          </p>
          {attribute.declinedAt !== null ? <p className="text-sm text-slate-700">{t("declinedSince", { when: formatTime(attribute.declinedAt, locale) })}</p> : null}
        </div>
        {!editing ? (
          <div className="flex flex-wrap gap-2">
            <Button
              ref={editRef}
              variant="secondary"
              className="min-h-9 px-3 py-1"
              disabled={disabled}
              aria-label={t("editLabel", { label })}
              onClick={open}
            >
              {t("edit")}
            </Button>
            {attribute.value !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `clear-${name}`}
                disabled={disabled}
                aria-label={t("clearLabel", { label })}
                onClick={() => void run(`clear-${name}`, (token) => actions.saveMyProfileValues(token, { values: { [name]: null } }), t("cleared", { label }))}
              >
                {t("clear")}
              </Button>
            ) : null}
            {attribute.declinedAt !== null ? (
              <Button
                variant="ghost"
                className="min-h-9 px-3 py-1"
                busy={busy === `undecline-${name}`}
                disabled={disabled}
                aria-label={t("askAgainLabel", { label })}
                onClick={() => void run(`undecline-${name}`, (token) => actions.undoMyDecline(token, { attribute: name }), t("mayAskAgain", { label }))}
              >
                {t("askAgain")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {editing && field ? (
        <form
          noValidate
          className="mt-4 space-y-3"
          aria-label={t("editLabel", { label })}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <CatalogField field={field} form={form} locale={locale} phoneCountry={country} controlRef={controlRef} />
          <div className="flex gap-2">
            <Button type="submit" busy={busy === `save-${name}`} disabled={disabled} aria-label={t("saveLabel", { label })}>
              {t("save")}
            </Button>
            <Button variant="ghost" disabled={disabled} onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
