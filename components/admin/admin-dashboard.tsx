"use client";
/**
 * /admin: the team's completion analytics and the Explain tool. The figures come from the app's
 * getAdminDashboard Server Action (the `actions` prop), which refuses users without the `admin` role: the page
 * then shows 403. The session's tokens live in the browser, so the role is known only once the
 * action answers; nothing of the dashboard is rendered before that.
 */
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, inputClassName } from "@/components/ui/field";
import type { AdminActions } from "@/components/actions";
import { dashboardCsv, type DashboardFigures, type DateRange } from "@/lib/admin/analytics";
import { useSession } from "@/lib/authgear/session";
import type { ConfigProblem } from "@/lib/admin/config-problems";
import { BarChart, StackedBarChart } from "./charts";

export function formatShare(x: number | null): string {
  if (x === null) return "—";
  return `${Math.round(x * 1000) / 10}%`;
}

function formatTime(ms: number | null): string {
  if (ms === null) return "—";
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(ms));
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
  | { kind: "forbidden"; message: string }
  | { kind: "error"; message: string }
  | { kind: "ready"; figures: DashboardFigures; problems: ConfigProblem[] };

/** The dashboard for `range`, as the token's user may see it; never throws (an error is a state). */
async function dashboardState(getAdminDashboard: AdminActions["getAdminDashboard"], accessToken: () => Promise<string>, range: DateRange): Promise<State> {
  try {
    const result = await getAdminDashboard(await accessToken(), range);
    if (result.ok) return { kind: "ready", figures: result.figures, problems: result.problems };
    if (result.error.code === "forbidden") return { kind: "forbidden", message: result.error.message };
    return { kind: "error", message: result.error.fieldErrors?.from ?? result.error.message };
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

const FUNNEL_SERIES = [
  { name: "Answered", color: "#15803d" },
  { name: "Skipped", color: "#ca8a04" },
  { name: "Declined", color: "#b91c1c" },
  { name: "No answer", color: "#94a3b8" },
];

export interface AdminDashboardProps {
  /** The range in the address (?from= and ?to=, ISO 8601 instants), or null. */
  from: string | null;
  to: string | null;
  /** The Server Actions, from the app's own "use server" module. */
  actions: AdminActions;
}

export function AdminDashboard({ from: fromParam, to: toParam, actions }: AdminDashboardProps) {
  const session = useSession();
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
        <p className="sr-only">Checking your session…</p>
      </div>
    );
  }
  if (!signedIn) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Team dashboard</h1>
        <p className="text-slate-700">Sign in with an administrator account to see the dashboard.</p>
        <Button onClick={() => void session.signIn()}>Sign in</Button>
      </div>
    );
  }
  if (state.kind === "forbidden") {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">403: Forbidden</h1>
        <p className="text-slate-700">{state.message}</p>
      </div>
    );
  }

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
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Team dashboard</h1>
        <p className="max-w-prose text-slate-700">
          How profiling is going: who has each attribute, how the prompt&apos;s questions fare, what enrichment fills in, and how
          many visits (a sign-in, or a return after the catalog's rest) a profile takes.
        </p>
      </div>

      <form
        aria-label="Date range"
        className="flex flex-wrap items-end gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <Field label="From" id="range-from">
          {(c) => <input {...c} type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} className={inputClassName} />}
        </Field>
        <Field label="To" id="range-to">
          {(c) => <input {...c} type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} className={inputClassName} />}
        </Field>
        <Button type="submit">Apply</Button>
        {state.kind === "ready" ? (
          <Button variant="secondary" onClick={() => download("gradual-dashboard.csv", "text/csv", dashboardCsv(state.figures))}>
            Download CSV
          </Button>
        ) : null}
      </form>
      <p className="text-sm text-slate-700" data-testid="range">
        {badRange ? "The address holds a date that could not be read; showing an open range instead. " : null}
        Showing {range.from === null ? "everything" : `from ${formatTime(range.from)}`}
        {range.to === null ? " until now" : ` to ${formatTime(range.to)}`}.
      </p>

      {state.kind === "loading" ? (
        <p aria-busy="true" className="text-sm text-slate-600">
          Loading figures…
        </p>
      ) : state.kind === "error" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      ) : (
        <>
          <ConfigProblems problems={state.problems} />
          <Figures figures={state.figures} />
        </>
      )}

      <Explain explainUser={actions.explainUser} accessToken={accessToken} />
    </div>
  );
}

const th = "px-3 py-2 text-left font-semibold text-slate-900";
const td = "px-3 py-2 text-right tabular-nums text-slate-900";
const tableClass = "w-full border-collapse text-sm [&_tr]:border-b [&_tr]:border-slate-200";

/** A column heading; numeric columns are right-aligned like their cells. */
type Column = string | { label: string; numeric: true };
const numeric = (label: string): Column => ({ label, numeric: true });

/**
 * One of the dashboard's tables: caption, column headings, the rows, and (when `empty` is given)
 * a row saying so when there are none.
 */
function FigureTable({ caption, columns, empty, rows }: { caption: ReactNode; columns: readonly Column[]; empty?: string; rows: ReactNode[] }) {
  return (
    <table className={tableClass}>
      <caption className="pb-2 text-left text-sm font-medium text-slate-700">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === "string" ? (
              <th key={c} scope="col" className={th}>
                {c}
              </th>
            ) : (
              <th key={c.label} scope="col" className={`${th} text-right`}>
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
 * What the app noticed is wrong with the Authgear setup (ADR 015): attributes Authgear drops,
 * webhook requests whose signature does not verify. Open problems first; a resolved one stays
 * listed with when it was resolved.
 */
function ConfigProblems({ problems }: { problems: ConfigProblem[] }) {
  const open = problems.filter((p) => p.resolvedAt === null).length;
  return (
    <section aria-labelledby="config-problems" className="space-y-4">
      <h2 id="config-problems" className="text-xl font-semibold text-slate-900">
        Configuration problems
      </h2>
      <p className="text-sm text-slate-700">
        {problems.length === 0
          ? "None seen: every write stuck and every webhook request was signed with the right secret."
          : `${open} open, ${problems.length - open} resolved. Each says what happened and how to fix it.`}
      </p>
      {problems.length > 0 ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Configuration problems (scrolls sideways)">
          <FigureTable
            caption="Problems the app noticed with the Authgear project's setup"
            columns={["Problem", "Status", "First seen", "Last seen", numeric("Times"), "Fix"]}
            rows={problems.map((p) => (
              <tr key={p.key}>
                <th scope="row" className="px-3 py-2 text-left font-normal text-slate-900">
                  {p.message}
                </th>
                <td className="px-3 py-2 text-slate-900">{p.resolvedAt === null ? "Open" : `Resolved ${formatTime(p.resolvedAt)}`}</td>
                <td className="px-3 py-2 text-slate-900">{formatTime(p.firstSeenAt)}</td>
                <td className="px-3 py-2 text-slate-900">{formatTime(p.lastSeenAt)}</td>
                <td className={td}>{p.count}</td>
                <td className="px-3 py-2 text-slate-900">{p.fix}</td>
              </tr>
            ))}
          />
        </div>
      ) : null}
    </section>
  );
}

function Figures({ figures }: { figures: DashboardFigures }) {
  const { population, attributes, positions, sources, completion } = figures;
  return (
    <>
      <section aria-labelledby="population" className="space-y-4">
        <h2 id="population" className="text-xl font-semibold text-slate-900">
          Attributes
        </h2>
        <p className="text-sm text-slate-700">
          <strong data-testid="population">{population}</strong> {population === 1 ? "user" : "users"} in this range: users Gradual
          knows (prompted, enriched or with a setting) with activity in it. A value counts when Gradual recorded where it came from.
        </p>
        <BarChart
          title="Share of users with a value, per attribute"
          description={`Of ${population} users. The numbers are in the table below.`}
          max={1}
          bars={attributes.map((a) => ({ label: a.label, value: a.share ?? 0, display: formatShare(a.share) }))}
        />
        <StackedBarChart
          title="Prompt funnel per attribute: shown, then answered, skipped, declined or no answer"
          description="Times each question was shown in a prompt, split by what the user did. The numbers are in the table below."
          series={FUNNEL_SERIES}
          rows={attributes.map((a) => ({ label: a.label, values: [a.funnel.answered, a.funnel.skipped, a.funnel.declined, a.funnel.noAnswer] }))}
        />
        {/* Scrolls sideways on narrow screens: focusable so keyboard users can scroll it too. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Per attribute figures (scrolls sideways)">
          <FigureTable
            caption="Per attribute: users with a value and the prompt funnel"
            columns={["Attribute", ...["Users with a value", "Share", "Shown", "Answered", "Skipped", "Declined", "No answer", "Answer rate"].map(numeric)]}
            rows={attributes.map((a) => (
                <tr key={a.attribute}>
                  <th scope="row" className={th}>
                    {a.label}
                  </th>
                  <td className={td}>{a.users}</td>
                  <td className={td}>{formatShare(a.share)}</td>
                  <td className={td}>{a.funnel.shown}</td>
                  <td className={td}>{a.funnel.answered}</td>
                  <td className={td}>{a.funnel.skipped}</td>
                  <td className={td}>{a.funnel.declined}</td>
                  <td className={td}>{a.funnel.noAnswer}</td>
                  <td className={td}>{formatShare(a.answerRate)}</td>
                </tr>
              ))}
          />
        </div>
      </section>

      <section aria-labelledby="positions" className="space-y-4">
        <h2 id="positions" className="text-xl font-semibold text-slate-900">
          Answer rate by position in the prompt
        </h2>
        <BarChart
          title="Answer rate of the 1st, 2nd and 3rd question of a prompt"
          description="Answered divided by shown, per position. The numbers are in the table below."
          max={1}
          bars={positions.map((p) => ({ label: `Question ${p.position}`, value: p.answerRate ?? 0, display: formatShare(p.answerRate) }))}
        />
        <FigureTable
          caption="Answer rate by position"
          columns={["Position", numeric("Shown"), numeric("Answered"), numeric("Answer rate")]}
          empty="No prompts in this range."
          rows={positions.map((p) => (
                <tr key={p.position}>
                  <th scope="row" className={th}>
                    Question {p.position}
                  </th>
                  <td className={td}>{p.shown}</td>
                  <td className={td}>{p.answered}</td>
                  <td className={td}>{formatShare(p.answerRate)}</td>
                </tr>
              ))}
        />
      </section>

      <section aria-labelledby="sources" className="space-y-4">
        <h2 id="sources" className="text-xl font-semibold text-slate-900">
          Where values come from
        </h2>
        <BarChart
          title="Users with at least one value from each source"
          description="Enrichment providers next to the users' own answers. The numbers are in the table below."
          max={1}
          bars={sources.map((s) => ({ label: s.source, value: s.share ?? 0, display: formatShare(s.share) }))}
        />
        <FigureTable
          caption="Coverage per source"
          columns={["Source", "Kind", numeric("Values"), numeric("Users"), numeric("Share of users"), "Values per attribute"]}
          empty="No recorded values."
          rows={sources.map((s) => (
                <tr key={s.source}>
                  <th scope="row" className={th}>
                    {s.source}
                  </th>
                  <td className="px-3 py-2 text-slate-700">{s.enrichment ? "Enrichment" : "The user"}</td>
                  <td className={td}>{s.values}</td>
                  <td className={td}>{s.users}</td>
                  <td className={td}>{formatShare(s.share)}</td>
                  <td className="px-3 py-2 text-slate-700">
                    {Object.entries(s.byAttribute)
                      .map(([a, n]) => `${a} ${n}`)
                      .join(", ")}
                  </td>
                </tr>
              ))}
        />
      </section>

      <section aria-labelledby="completion" className="space-y-4">
        <h2 id="completion" className="text-xl font-semibold text-slate-900">
          Visits needed to complete a profile
        </h2>
        <p className="text-sm text-slate-700" data-testid="completion">
          {completion.completed} completed in this range (median {completion.median === null ? "—" : completion.median} visits with a
          prompt); {completion.incomplete} not complete yet. Complete: every question answered, declined, or no longer asked.
        </p>
        <BarChart
          title="Users by the number of visits with a prompt they needed to complete their profile"
          description="A histogram. The numbers are in the table below."
          bars={completion.distribution.map((d) => ({ label: `${d.logins} ${d.logins === 1 ? "visit" : "visits"}`, value: d.users, display: String(d.users) }))}
        />
        <FigureTable
          caption="Visits to complete a profile"
          columns={["Visits with a prompt", numeric("Users")]}
          empty="No profile was completed in this range."
          rows={completion.distribution.map((d) => (
                <tr key={d.logins}>
                  <th scope="row" className={th}>
                    {d.logins}
                  </th>
                  <td className={td}>{d.users}</td>
                </tr>
              ))}
        />
      </section>
    </>
  );
}

type ExplainResult = Extract<Awaited<ReturnType<AdminActions["explainUser"]>>, { ok: true }>;

function Explain({ explainUser, accessToken }: { explainUser: AdminActions["explainUser"]; accessToken: () => Promise<string> }) {
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ExplainResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      const answer = await explainUser(await accessToken(), { email });
      if (answer.ok) setResult(answer);
      else setError(answer.error.fieldErrors?.email ?? answer.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Explain a user&apos;s next prompt</CardTitle>
        <CardDescription>
          What the planner would ask this user now, in the current visit of their latest sign-in, and why (and what that sign-in&apos;s
          next visit would ask); with their question history.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Explain a user's next prompt"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field label="Email" error={error} id="explain-email" className="min-w-64 flex-1">
            {(c) => <input {...c} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} className={inputClassName} />}
          </Field>
          <Button type="submit" busy={busy}>
            Explain
          </Button>
        </form>
        {result ? (
          <div className="space-y-4" aria-live="polite">
            <p className="font-medium text-slate-900" data-testid="explain-summary">
              {result.explanation.summary}
            </p>
            {result.explanation.next ? (
              <p className="text-sm text-slate-900" data-testid="explain-next">
                Next visit: {result.explanation.next.summary}
              </p>
            ) : null}
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              {result.explanation.sentences.map((s) => (
                <li key={s.attribute}>{s.text}</li>
              ))}
            </ul>
            <FigureTable
              caption={`Question history of ${result.user.email}`}
              columns={["Question", "Shown", "Last shown", "Answered", "Skips", "Last skipped", "Don't ask again"]}
              empty="Never prompted."
              rows={result.states.map((s) => (
                    <tr key={s.attribute}>
                      <th scope="row" className={th}>
                        {s.attribute}
                      </th>
                      <td className="px-3 py-2">{s.shownCount}</td>
                      <td className="px-3 py-2">{formatTime(s.lastShownAt)}</td>
                      <td className="px-3 py-2">{formatTime(s.answeredAt)}</td>
                      <td className="px-3 py-2">{s.skipCount}</td>
                      <td className="px-3 py-2">{formatTime(s.lastSkippedAt)}</td>
                      <td className="px-3 py-2">{formatTime(s.declinedAt)}</td>
                    </tr>
                  ))}
            />
            <FigureTable
              caption="Prompt events, newest first"
              columns={["When", "Question", "Event", "Position"]}
              rows={result.history.events.map((e, i) => (
                  <tr key={i}>
                    <td className="px-3 py-2">{formatTime(e.at)}</td>
                    <td className="px-3 py-2">{e.attribute}</td>
                    <td className="px-3 py-2">{e.kind}</td>
                    <td className="px-3 py-2">{e.position === null ? "—" : e.position + 1}</td>
                  </tr>
                ))}
            />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
