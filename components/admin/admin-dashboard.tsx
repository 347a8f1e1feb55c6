"use client";
/**
 * /admin: the team's completion analytics and the Explain tool. The figures come from the app's
 * getAdminDashboard Server Action (the `actions` prop), which refuses users without the `admin` role: the page
 * then shows 403. The session's tokens live in the browser, so the role is known only once the
 * action answers; nothing of the dashboard is rendered before that.
 *
 * In the page's locale (use-intl's, from the nearest provider): the words are the kit's `admin`
 * messages, the numbers and dates Intl's in that locale, and right to left the tables and charts
 * mirror (ADR 012).
 */
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useLocale } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, inputClassName } from "@/components/ui/field";
import type { AdminActions } from "@/components/actions";
import type { ActionError } from "@/lib/actions/result";
import { dashboardCsv, type DashboardFigures, type DateRange } from "@/lib/admin/analytics";
import { useSession } from "@/lib/authgear/session";
import type { ConfigProblem } from "@/lib/admin/config-problems";
import { localize, type ProfileCatalog } from "@/lib/catalog/catalog";
import { useActionErrorText } from "@/lib/i18n/action-error";
import { localeDirection } from "@/lib/i18n/locales";
import { useKitTranslations, type KitTranslator } from "@/lib/i18n/use-kit-translations";
import { BarChart, StackedBarChart, type ChartDirection } from "./charts";
import { dashboardFormat, NONE, type DashboardFormat } from "./format";

/** The words, the numbers' format and the direction every part of the dashboard uses. */
interface Speech {
  t: KitTranslator<"admin">;
  f: DashboardFormat;
  dir: ChartDirection;
  /** A catalog question's label in the reader's locale (the figures carry the default locale's). */
  label: (attribute: string, fallback: string) => string;
}

function useSpeech(catalog: ProfileCatalog | undefined): Speech {
  const t = useKitTranslations("admin");
  const locale = useLocale();
  return useMemo(() => {
    const labels = new Map(catalog?.questions.map((q) => [q.attribute, localize(q.label, locale, catalog.defaultLocale)]) ?? []);
    return { t, f: dashboardFormat(locale), dir: localeDirection(locale), label: (attribute, fallback) => labels.get(attribute) ?? fallback };
  }, [t, locale, catalog]);
}

/** yyyy-mm-dd of an instant in the browser's time zone (for a date input). */
function localDate(ms: number | null): string {
  if (ms === null) return "";
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function parseInstant(text: string | null): number | null | "invalid" {
  if (text === null || text === "") return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? "invalid" : ms;
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type State =
  | { kind: "loading" }
  | { kind: "forbidden" }
  | { kind: "error"; error: ActionError }
  | { kind: "ready"; figures: DashboardFigures; problems: ConfigProblem[] };

/** The dashboard for `range`, as the token's user may see it; never throws (an error is a state). */
async function dashboardState(getAdminDashboard: AdminActions["getAdminDashboard"], accessToken: () => Promise<string>, range: DateRange): Promise<State> {
  try {
    const result = await getAdminDashboard(await accessToken(), range);
    if (result.ok) return { kind: "ready", figures: result.figures, problems: result.problems };
    if (result.error.code === "forbidden") return { kind: "forbidden" };
    return { kind: "error", error: result.error };
  } catch (error) {
    // A thrown action (the network, a server that is down) is said as `internal`; its text stays in the console.
    console.error("[gradual] the dashboard's figures could not be loaded", error);
    return { kind: "error", error: { code: "internal", message: error instanceof Error ? error.message : String(error) } };
  }
}

const FUNNEL_COLORS = { answered: "#15803d", skipped: "#ca8a04", declined: "#b91c1c", noAnswer: "#94a3b8" } as const;

export interface AdminDashboardProps {
  /** The range in the address (?from= and ?to=, ISO 8601 instants), or null. */
  from: string | null;
  to: string | null;
  /** The Server Actions, from the app's own "use server" module. */
  actions: AdminActions;
  /**
   * The app's catalog, to name each attribute in the reader's language (the figures name them in
   * the catalog's default locale). Optional: without it the default locale's labels are shown.
   */
  catalog?: ProfileCatalog;
}

export function AdminDashboard({ from: fromParam, to: toParam, actions, catalog }: AdminDashboardProps) {
  const session = useSession();
  const speech = useSpeech(catalog);
  const { t, f } = speech;
  const errorText = useActionErrorText();
  const router = useRouter();
  const pathname = usePathname();
  // What was last loaded, and for whom and which range: until the signed-in user's figures for the current
  // range arrive, the state is "loading", derived here rather than set by the effect (react.dev, "You might
  // not need an effect").
  const [loaded, setLoaded] = useState<{ key: string; state: State } | null>(null);
  const fromMs = parseInstant(fromParam);
  const toMs = parseInstant(toParam);
  const badRange = fromMs === "invalid" || toMs === "invalid";
  const range: DateRange = { from: fromMs === "invalid" ? null : fromMs, to: toMs === "invalid" ? null : toMs };
  const [fromDate, setFromDate] = useState(localDate(range.from));
  const [toDate, setToDate] = useState(localDate(range.to));
  const { accessToken } = session;
  const signedIn = session.state === "signed-in";

  const { from, to } = range;
  const loadKey = JSON.stringify([session.user?.sub ?? null, from, to]);
  const state: State = loaded?.key === loadKey ? loaded.state : { kind: "loading" };
  useEffect(() => {
    if (!signedIn) return;
    // Only the latest request's answer is kept: one for a range (or user) left meanwhile is dropped.
    let current = true;
    // Fire and forget: dashboardState never rejects, and the cleanup below drops its answer once it is stale.
    void dashboardState(actions.getAdminDashboard, accessToken, { from, to }).then((next) => {
      if (current) setLoaded({ key: loadKey, state: next });
    });
    return () => {
      current = false;
    };
  }, [signedIn, actions.getAdminDashboard, accessToken, from, to, loadKey]);

  if (session.state === "loading") {
    return (
      <div aria-busy="true">
        <p className="sr-only">{t("checkingSession")}</p>
      </div>
    );
  }
  if (!signedIn) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="text-slate-700">{t("signInNeeded")}</p>
        <Button onClick={() => void session.signIn()}>{t("signIn")}</Button>
      </div>
    );
  }
  if (state.kind === "forbidden") {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("forbiddenHeading")}</h1>
        <p className="text-slate-700">{t("forbidden")}</p>
      </div>
    );
  }
  const rangeSentence =
    range.from === null
      ? range.to === null
        ? t("range.all")
        : t("range.until", { to: f.time(range.to) })
      : range.to === null
        ? t("range.since", { from: f.time(range.from) })
        : t("range.between", { from: f.time(range.from), to: f.time(range.to) });

  const apply = () => {
    const params = new URLSearchParams();
    if (fromDate) params.set("from", new Date(`${fromDate}T00:00:00`).toISOString());
    if (toDate) params.set("to", new Date(`${toDate}T23:59:59.999`).toISOString());
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname);
  };

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("heading")}</h1>
        <p className="max-w-prose text-slate-700">{t("intro")}</p>
      </div>

      <form
        aria-label={t("range.label")}
        className="flex flex-wrap items-end gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <Field label={t("range.from")} id="range-from">
          {(c) => <input {...c} type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} className={inputClassName} />}
        </Field>
        <Field label={t("range.to")} id="range-to">
          {(c) => <input {...c} type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} className={inputClassName} />}
        </Field>
        <Button type="submit">{t("range.apply")}</Button>
        {state.kind === "ready" ? (
          <Button variant="secondary" onClick={() => download("gradual-dashboard.csv", "text/csv", dashboardCsv(state.figures))}>
            {t("range.csv")}
          </Button>
        ) : null}
      </form>
      <p className="text-sm text-slate-700" data-testid="range">
        {badRange ? `${t("range.unreadable")} ` : null}
        {rangeSentence}
      </p>

      {state.kind === "loading" ? (
        <p aria-busy="true" className="text-sm text-slate-600">
          {t("loading")}
        </p>
      ) : state.kind === "error" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {/* The only input the action checks is the range: an invalid_input is a range whose start is after its end. */}
          {state.error.code === "invalid_input" && state.error.fieldErrors?.from ? t("range.invalid") : errorText(state.error)}
        </p>
      ) : (
        <>
          <ConfigProblems problems={state.problems} speech={speech} />
          <Figures figures={state.figures} speech={speech} />
        </>
      )}

      <Explain explainUser={actions.explainUser} accessToken={accessToken} speech={speech} />
    </div>
  );
}

// Logical alignment: a column's heading and its cells start at the reading start, and numbers line
// up at the end (right in LTR, left in RTL), as the page mirrors.
const th = "px-3 py-2 text-start font-semibold text-slate-900";
const td = "px-3 py-2 text-end tabular-nums text-slate-900";
const tdText = "px-3 py-2 text-slate-900";
const tableClass = "w-full border-collapse text-sm [&_tr]:border-b [&_tr]:border-slate-200";

/** A column heading; numeric columns are aligned at the end like their cells. */
type Column = string | { label: string; numeric: true };
const numeric = (label: string): Column => ({ label, numeric: true });

/**
 * One of the dashboard's tables: caption, column headings, the rows, and (when `empty` is given)
 * a row saying so when there are none.
 */
function FigureTable({ caption, columns, empty, rows }: { caption: ReactNode; columns: readonly Column[]; empty?: string; rows: ReactNode[] }) {
  return (
    <table className={tableClass}>
      <caption className="pb-2 text-start text-sm font-medium text-slate-700">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === "string" ? (
              <th key={c} scope="col" className={th}>
                {c}
              </th>
            ) : (
              <th key={c.label} scope="col" className={`${th} text-end`}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={columns.length} className="px-3 py-2 text-slate-600">
              {empty}
            </td>
          </tr>
        ) : (
          rows
        )}
      </tbody>
    </table>
  );
}

/**
 * A configuration problem in the reader's language: the kinds the kit reports are said from their
 * kind and subject; another kind (or a report from a newer version) shows the stored English text,
 * marked as English for assistive technology.
 */
function problemText(problem: ConfigProblem, t: KitTranslator<"admin">): { message: string; fix: string; lang?: "en" } {
  switch (problem.kind) {
    case "attribute_not_configured":
      return { message: t("problems.attributeNotConfigured", { attribute: problem.subject }), fix: t("problems.attributeNotConfiguredFix") };
    case "webhook_bad_signature":
      return { message: t("problems.webhookBadSignature"), fix: t("problems.webhookBadSignatureFix") };
    default:
      return { message: problem.message, fix: problem.fix, lang: "en" };
  }
}

/**
 * What the app noticed is wrong with the Authgear setup (ADR 015): attributes Authgear drops,
 * webhook requests whose signature does not verify. Open problems first; a resolved one stays
 * listed with when it was resolved.
 */
function ConfigProblems({ problems, speech: { t, f } }: { problems: ConfigProblem[]; speech: Speech }) {
  const open = problems.filter((p) => p.resolvedAt === null).length;
  return (
    <section aria-labelledby="config-problems" className="space-y-4">
      <h2 id="config-problems" className="text-xl font-semibold text-slate-900">
        {t("problems.heading")}
      </h2>
      <p className="text-sm text-slate-700">
        {problems.length === 0 ? t("problems.none") : t("problems.summary", { open: f.count(open), resolved: f.count(problems.length - open) })}
      </p>
      {problems.length > 0 ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("problems.region")}>
          <FigureTable
            caption={t("problems.caption")}
            columns={[t("problems.problem"), t("problems.status"), t("problems.firstSeen"), t("problems.lastSeen"), numeric(t("problems.times")), t("problems.fix")]}
            rows={problems.map((p) => {
              const text = problemText(p, t);
              return (
                <tr key={p.key}>
                  <th scope="row" className="px-3 py-2 text-start font-normal text-slate-900" lang={text.lang}>
                    {text.message}
                  </th>
                  <td className={tdText}>{p.resolvedAt === null ? t("problems.open") : t("problems.resolved", { at: f.time(p.resolvedAt) })}</td>
                  <td className={tdText}>{f.time(p.firstSeenAt)}</td>
                  <td className={tdText}>{f.time(p.lastSeenAt)}</td>
                  <td className={td}>{f.count(p.count)}</td>
                  <td className={tdText} lang={text.lang}>
                    {text.fix}
                  </td>
                </tr>
              );
            })}
          />
        </div>
      ) : null}
    </section>
  );
}

function Figures({ figures, speech }: { figures: DashboardFigures; speech: Speech }) {
  const { t, f, dir, label } = speech;
  const { population, attributes, positions, sources, completion } = figures;
  const noData = t("chart.noData");
  const funnel = [
    { name: t("attributes.answered"), color: FUNNEL_COLORS.answered },
    { name: t("attributes.skipped"), color: FUNNEL_COLORS.skipped },
    { name: t("attributes.declined"), color: FUNNEL_COLORS.declined },
    { name: t("attributes.noAnswer"), color: FUNNEL_COLORS.noAnswer },
  ];
  const question = (position: number) => t("positions.question", { position });
  return (
    <>
      <section aria-labelledby="population" className="space-y-4">
        <h2 id="population" className="text-xl font-semibold text-slate-900">
          {t("attributes.heading")}
        </h2>
        <p className="text-sm text-slate-700">
          <strong data-testid="population">{f.count(population)}</strong> {t("attributes.population", { count: population })}
        </p>
        <BarChart
          title={t("attributes.shareChart")}
          description={t("attributes.shareChartDescription", { count: population })}
          noData={noData}
          dir={dir}
          max={1}
          bars={attributes.map((a) => ({ label: label(a.attribute, a.label), value: a.share ?? 0, display: f.share(a.share) }))}
        />
        <StackedBarChart
          title={t("attributes.funnelChart")}
          description={t("attributes.funnelChartDescription")}
          noData={noData}
          dir={dir}
          series={funnel}
          rows={attributes.map((a) => {
            const values = [a.funnel.answered, a.funnel.skipped, a.funnel.declined, a.funnel.noAnswer];
            return { label: label(a.attribute, a.label), values, display: f.count(values.reduce((x, y) => x + y, 0)) };
          })}
        />
        {/* Scrolls sideways on narrow screens: focusable so keyboard users can scroll it too. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("attributes.region")}>
          <FigureTable
            caption={t("attributes.caption")}
            columns={[
              t("attributes.attribute"),
              ...[
                t("attributes.usersWithValue"),
                t("attributes.share"),
                t("attributes.shown"),
                t("attributes.answered"),
                t("attributes.skipped"),
                t("attributes.declined"),
                t("attributes.noAnswer"),
                t("attributes.answerRate"),
              ].map(numeric),
            ]}
            rows={attributes.map((a) => (
              <tr key={a.attribute}>
                <th scope="row" className={th}>
                  {label(a.attribute, a.label)}
                </th>
                <td className={td}>{f.count(a.users)}</td>
                <td className={td}>{f.share(a.share)}</td>
                <td className={td}>{f.count(a.funnel.shown)}</td>
                <td className={td}>{f.count(a.funnel.answered)}</td>
                <td className={td}>{f.count(a.funnel.skipped)}</td>
                <td className={td}>{f.count(a.funnel.declined)}</td>
                <td className={td}>{f.count(a.funnel.noAnswer)}</td>
                <td className={td}>{f.share(a.answerRate)}</td>
              </tr>
            ))}
          />
        </div>
      </section>

      <section aria-labelledby="positions" className="space-y-4">
        <h2 id="positions" className="text-xl font-semibold text-slate-900">
          {t("positions.heading")}
        </h2>
        <BarChart
          title={t("positions.chart")}
          description={t("positions.chartDescription")}
          noData={noData}
          dir={dir}
          max={1}
          bars={positions.map((p) => ({ label: question(p.position), value: p.answerRate ?? 0, display: f.share(p.answerRate) }))}
        />
        <FigureTable
          caption={t("positions.caption")}
          columns={[t("positions.position"), numeric(t("attributes.shown")), numeric(t("attributes.answered")), numeric(t("attributes.answerRate"))]}
          empty={t("positions.empty")}
          rows={positions.map((p) => (
            <tr key={p.position}>
              <th scope="row" className={th}>
                {question(p.position)}
              </th>
              <td className={td}>{f.count(p.shown)}</td>
              <td className={td}>{f.count(p.answered)}</td>
              <td className={td}>{f.share(p.answerRate)}</td>
            </tr>
          ))}
        />
      </section>

      <section aria-labelledby="sources" className="space-y-4">
        <h2 id="sources" className="text-xl font-semibold text-slate-900">
          {t("sources.heading")}
        </h2>
        <BarChart
          title={t("sources.chart")}
          description={t("sources.chartDescription")}
          noData={noData}
          dir={dir}
          max={1}
          bars={sources.map((s) => ({ label: s.source, value: s.share ?? 0, display: f.share(s.share) }))}
        />
        <FigureTable
          caption={t("sources.caption")}
          columns={[t("sources.source"), t("sources.kind"), numeric(t("sources.values")), numeric(t("sources.users")), numeric(t("sources.share")), t("sources.perAttribute")]}
          empty={t("sources.empty")}
          rows={sources.map((s) => (
            <tr key={s.source}>
              {/* A source is an identifier (user, client, geoip…), the same in every language, as in the CSV. */}
              <th scope="row" className={th}>
                {s.source}
              </th>
              <td className="px-3 py-2 text-slate-700">{s.enrichment ? t("sources.enrichment") : t("sources.user")}</td>
              <td className={td}>{f.count(s.values)}</td>
              <td className={td}>{f.count(s.users)}</td>
              <td className={td}>{f.share(s.share)}</td>
              <td className="px-3 py-2 text-slate-700">
                {Object.entries(s.byAttribute)
                  .map(([a, n]) => `${a} ${f.count(n)}`)
                  .join(", ")}
              </td>
            </tr>
          ))}
        />
      </section>

      <section aria-labelledby="completion" className="space-y-4">
        <h2 id="completion" className="text-xl font-semibold text-slate-900">
          {t("completion.heading")}
        </h2>
        <p className="text-sm text-slate-700" data-testid="completion">
          {t("completion.summary", {
            completed: completion.completed,
            incomplete: completion.incomplete,
            median: completion.median === null ? NONE : f.count(completion.median),
          })}
        </p>
        <BarChart
          title={t("completion.chart")}
          description={t("completion.chartDescription")}
          noData={noData}
          dir={dir}
          bars={completion.distribution.map((d) => ({ label: t("completion.visits", { count: d.logins }), value: d.users, display: f.count(d.users) }))}
        />
        <FigureTable
          caption={t("completion.caption")}
          columns={[t("completion.visitsColumn"), numeric(t("completion.users"))]}
          empty={t("completion.empty")}
          rows={completion.distribution.map((d) => (
            <tr key={d.logins}>
              <th scope="row" className={th}>
                {f.count(d.logins)}
              </th>
              <td className={td}>{f.count(d.users)}</td>
            </tr>
          ))}
        />
      </section>
    </>
  );
}

type ExplainResult = Extract<Awaited<ReturnType<AdminActions["explainUser"]>>, { ok: true }>;

/** Enough of an address to ask the server about; the server's check (z.email) is the judge. */
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text.trim());

function Explain({ explainUser, accessToken, speech: { t, f } }: { explainUser: AdminActions["explainUser"]; accessToken: () => Promise<string>; speech: Speech }) {
  const errorText = useActionErrorText();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ExplainResult | null>(null);

  const submit = async () => {
    setError(undefined);
    setResult(null);
    if (!looksLikeEmail(email)) {
      setError(t("explain.enterEmail"));
      return;
    }
    setBusy(true);
    try {
      const answer = await explainUser(await accessToken(), { email });
      if (answer.ok) setResult(answer);
      // The address is the action's only input: an invalid_input about it is an address no user has.
      else setError(answer.error.code === "invalid_input" && answer.error.fieldErrors?.email ? t("explain.noUser") : errorText(answer.error));
    } catch (e) {
      console.error("[gradual] explain failed", e);
      setError(errorText(null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("explain.heading")}</CardTitle>
        <CardDescription>{t("explain.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label={t("explain.form")}
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field label={t("explain.email")} error={error} id="explain-email" className="min-w-64 flex-1">
            {(c) => <input {...c} type="email" dir="ltr" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} className={inputClassName} />}
          </Field>
          <Button type="submit" busy={busy}>
            {t("explain.submit")}
          </Button>
        </form>
        {result ? (
          <div className="space-y-4" aria-live="polite">
            {/* The planner explains itself in English (lib/prompt/planner.ts, for support and tests): marked as such. */}
            <p className="font-medium text-slate-900" data-testid="explain-summary" lang="en">
              {result.explanation.summary}
            </p>
            {result.explanation.next ? (
              <p className="text-sm text-slate-900" data-testid="explain-next">
                {t("explain.next")} <span lang="en">{result.explanation.next.summary}</span>
              </p>
            ) : null}
            <ul className="list-disc space-y-1 ps-5 text-sm text-slate-700" lang="en">
              {result.explanation.sentences.map((s) => (
                <li key={s.attribute}>{s.text}</li>
              ))}
            </ul>
            <FigureTable
              caption={t("explain.historyCaption", { email: result.user.email })}
              columns={[t("explain.question"), t("explain.shown"), t("explain.lastShown"), t("explain.answered"), t("explain.skips"), t("explain.lastSkipped"), t("explain.declined")]}
              empty={t("explain.never")}
              rows={result.states.map((s) => (
                <tr key={s.attribute}>
                  <th scope="row" className={th}>
                    {s.attribute}
                  </th>
                  <td className="px-3 py-2">{f.count(s.shownCount)}</td>
                  <td className="px-3 py-2">{f.time(s.lastShownAt)}</td>
                  <td className="px-3 py-2">{f.time(s.answeredAt)}</td>
                  <td className="px-3 py-2">{f.count(s.skipCount)}</td>
                  <td className="px-3 py-2">{f.time(s.lastSkippedAt)}</td>
                  <td className="px-3 py-2">{f.time(s.declinedAt)}</td>
                </tr>
              ))}
            />
            <FigureTable
              caption={t("explain.eventsCaption")}
              columns={[t("explain.when"), t("explain.question"), t("explain.event"), t("explain.position")]}
              rows={result.history.events.map((e, i) => (
                <tr key={i}>
                  <td className="px-3 py-2">{f.time(e.at)}</td>
                  <td className="px-3 py-2">{e.attribute}</td>
                  <td className="px-3 py-2">{t("explain.kind", { kind: e.kind })}</td>
                  <td className="px-3 py-2">{e.position === null ? NONE : f.count(e.position + 1)}</td>
                </tr>
              ))}
            />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
