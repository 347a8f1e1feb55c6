/**
 * The team's completion analytics (/admin), computed from the state store's rows. Pure and
 * isomorphic: the SQL (lib/admin/analytics-store.server.ts) only selects rows; every figure is
 * derived here, so each can be tested with plain objects.
 *
 * Definitions (also in docs/decisions/011-profile-and-admin.md):
 * - **Population**: the users known to Gradual's state store (a prompt, a question's history,
 *   provenance or a setting); with a date range, those with a prompt event, a prompt or a
 *   provenance record inside it. Authgear's Admin API cannot list users, and users who never
 *   signed in to this app are not Gradual's to count.
 * - **Has the attribute**: Gradual's provenance records a value for it (answered, confirmed,
 *   edited or enriched, or changed by the user in Authgear's settings page). A value written only
 *   through the Portal or another app is invisible here: the share is a lower bound.
 * - **Funnel**: prompt events in the range (shown, then answered / skipped / declined; the rest
 *   had no answer: the prompt was closed or left open). Profile-page edits are not prompt answers.
 * - **Answer rate by position**: answered ÷ shown for the 1st, 2nd, 3rd question of a prompt.
 * - **Enrichment coverage**: current provenance per source (values and users).
 * - **Logins to complete**: a profile is complete when every question has a value, was declined,
 *   or can no longer be asked (its condition does not hold on the values). It was completed when
 *   the last of those values was given or observed (or the last decline). The count is that
 *   user's logins with a prompt up to that moment. Users completing inside the range are counted.
 *   A "login" here is an occasion the planner prompted: one `login_prompt` row, i.e. one visit with
 *   a prompt (ADR 004: a sign-in, or a return after the rest while still signed in), so a user who
 *   stays signed in for weeks is counted once per prompted visit, not once.
 */
import type { QuestionCondition } from "@/lib/catalog/catalog";
import { defined } from "@/lib/defined";
import { conditionHolds } from "@/lib/prompt/planner";

export type PromptEventKind = "shown" | "answered" | "skipped" | "declined" | "undeclined";

export interface AnalyticsEvent {
  userId: string;
  attribute: string;
  kind: PromptEventKind;
  /** 0-based position in its prompt; null outside a prompt. */
  position: number | null;
  loginKey: string | null;
  at: number;
}

export interface AnalyticsProvenance {
  userId: string;
  attribute: string;
  source: string;
  /** The value the record describes; null for a clear (or an older record without one). */
  value: string | number | null;
  observedAt: number;
}

export interface AnalyticsDecline {
  userId: string;
  attribute: string;
  declinedAt: number;
}

export interface AnalyticsLogin {
  userId: string;
  loginKey: string;
  shownAt: number;
}

export interface AnalyticsQuestion {
  attribute: string;
  label: string;
  when?: QuestionCondition;
}

export interface DateRange {
  /** Epoch ms, inclusive; null: since the beginning. */
  from: number | null;
  /** Epoch ms, inclusive; null: until now. */
  to: number | null;
}

export interface AnalyticsInput {
  questions: readonly AnalyticsQuestion[];
  range: DateRange;
  /** The population (see the file comment). */
  users: readonly string[];
  /** Prompt events; those outside the range are ignored. */
  events: readonly AnalyticsEvent[];
  /** Current provenance of the population's users (all of it, whatever its time). */
  provenance: readonly AnalyticsProvenance[];
  /** Current "Don't ask again" of the population's users. */
  declines: readonly AnalyticsDecline[];
  /** Logins with a prompt of the population's users (all of them). */
  logins: readonly AnalyticsLogin[];
}

export interface Funnel {
  shown: number;
  answered: number;
  skipped: number;
  declined: number;
  /** Shown without an answer, skip or decline (closed, left open). Never negative. */
  noAnswer: number;
}

export interface AttributeFigures {
  attribute: string;
  label: string;
  /** Users of the population whose value Gradual knows. */
  users: number;
  /** users ÷ population; null when the population is empty. */
  share: number | null;
  funnel: Funnel;
  /** answered ÷ shown; null when never shown. */
  answerRate: number | null;
}

export interface PositionFigures {
  /** 1-based. */
  position: number;
  shown: number;
  answered: number;
  answerRate: number | null;
}

export interface SourceFigures {
  source: string;
  /** An enrichment provider (not the user's own answer or confirmation). */
  enrichment: boolean;
  /** Values held from this source. */
  values: number;
  /** Users with at least one value from it. */
  users: number;
  share: number | null;
  /** Values per attribute, only attributes with at least one. */
  byAttribute: Record<string, number>;
}

export interface CompletionFigures {
  /** Users of the population who completed their profile inside the range. */
  completed: number;
  /** Users of the population whose profile is not complete. */
  incomplete: number;
  /** How many completed users needed n logins with a prompt; ascending n, no gaps from min to max. */
  distribution: { logins: number; users: number }[];
  /** Median logins; null when nobody completed. */
  median: number | null;
}

export interface DashboardFigures {
  range: DateRange;
  population: number;
  attributes: AttributeFigures[];
  positions: PositionFigures[];
  sources: SourceFigures[];
  completion: CompletionFigures;
}

const USER_SOURCES = new Set(["user", "confirmed"]);

export function inRange(at: number, range: DateRange): boolean {
  return (range.from === null || at >= range.from) && (range.to === null || at <= range.to);
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const hasValue = (p: AnalyticsProvenance): p is AnalyticsProvenance & { value: string | number } => p.value !== null && p.value !== "";

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = defined(sorted[mid], "the middle sample");
  return sorted.length % 2 === 1 ? upper : (defined(sorted[mid - 1], "the sample below the middle") + upper) / 2;
}

/** When the user's profile became complete (epoch ms), or null when it is not complete. */
export function completedAt(
  questions: readonly AnalyticsQuestion[],
  provenance: readonly AnalyticsProvenance[],
  declines: readonly AnalyticsDecline[],
): number | null {
  const values: Record<string, string | number> = {};
  const valueAt = new Map<string, number>();
  for (const p of provenance) {
    if (!hasValue(p)) continue;
    values[p.attribute] = p.value;
    valueAt.set(p.attribute, p.observedAt);
  }
  const declinedAt = new Map(declines.map((d) => [d.attribute, d.declinedAt]));
  let last: number | null = null;
  for (const q of questions) {
    const at = valueAt.get(q.attribute) ?? declinedAt.get(q.attribute);
    if (at !== undefined) {
      last = last === null ? at : Math.max(last, at);
      continue;
    }
    if (q.when && !conditionHolds(q.when, values)) continue;
    return null;
  }
  return last;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(row);
  }
  return out;
}

export function computeDashboard(input: AnalyticsInput): DashboardFigures {
  const { questions, range } = input;
  const population = new Set(input.users);
  const size = population.size;
  const catalog = new Set(questions.map((q) => q.attribute));
  const provenance = input.provenance.filter((p) => population.has(p.userId));
  const events = input.events.filter((e) => population.has(e.userId) && e.loginKey !== null && inRange(e.at, range) && catalog.has(e.attribute));

  // Share of users with a value, and the prompt funnel, per attribute.
  const attributes: AttributeFigures[] = questions.map((q) => {
    const holders = new Set(provenance.filter((p) => p.attribute === q.attribute && hasValue(p)).map((p) => p.userId));
    const mine = events.filter((e) => e.attribute === q.attribute);
    const count = (kind: PromptEventKind) => mine.filter((e) => e.kind === kind).length;
    const shown = count("shown");
    const answered = count("answered");
    const skipped = count("skipped");
    const declined = count("declined");
    return {
      attribute: q.attribute,
      label: q.label,
      users: holders.size,
      share: ratio(holders.size, size),
      funnel: { shown, answered, skipped, declined, noAnswer: Math.max(0, shown - answered - skipped - declined) },
      answerRate: ratio(answered, shown),
    };
  });

  // Answer rate by position in the prompt.
  const maxPosition = events.reduce((max, e) => (e.position !== null && (e.kind === "shown" || e.kind === "answered") ? Math.max(max, e.position) : max), -1);
  const positions: PositionFigures[] = [];
  for (let p = 0; p <= maxPosition; p++) {
    const shown = events.filter((e) => e.kind === "shown" && e.position === p).length;
    const answered = events.filter((e) => e.kind === "answered" && e.position === p).length;
    positions.push({ position: p + 1, shown, answered, answerRate: ratio(answered, shown) });
  }

  // Coverage per source.
  const sources: SourceFigures[] = [...groupBy(provenance.filter((p) => hasValue(p) && catalog.has(p.attribute)), (p) => p.source)]
    .map(([source, rows]) => {
      const byAttribute: Record<string, number> = {};
      for (const q of questions) {
        const n = rows.filter((r) => r.attribute === q.attribute).length;
        if (n > 0) byAttribute[q.attribute] = n;
      }
      const users = new Set(rows.map((r) => r.userId)).size;
      return { source, enrichment: !USER_SOURCES.has(source), values: rows.length, users, share: ratio(users, size), byAttribute };
    })
    .sort((a, b) => b.values - a.values || a.source.localeCompare(b.source));

  // Logins with a prompt needed to complete a profile.
  const provenanceByUser = groupBy(provenance, (p) => p.userId);
  const declinesByUser = groupBy(input.declines.filter((d) => population.has(d.userId)), (d) => d.userId);
  const loginsByUser = groupBy(input.logins.filter((l) => population.has(l.userId)), (l) => l.userId);
  const needed: number[] = [];
  let incomplete = 0;
  for (const user of population) {
    const at = completedAt(questions, provenanceByUser.get(user) ?? [], declinesByUser.get(user) ?? []);
    if (at === null) {
      incomplete++;
      continue;
    }
    if (!inRange(at, range)) continue;
    needed.push(new Set((loginsByUser.get(user) ?? []).filter((l) => l.shownAt <= at).map((l) => l.loginKey)).size);
  }
  needed.sort((a, b) => a - b);
  const distribution: CompletionFigures["distribution"] = [];
  const [fewest] = needed;
  const most = needed.at(-1);
  if (fewest !== undefined && most !== undefined) {
    for (let n = fewest; n <= most; n++) distribution.push({ logins: n, users: needed.filter((x) => x === n).length });
  }

  return {
    range,
    population: size,
    attributes,
    positions,
    sources,
    completion: { completed: needed.length, incomplete, distribution, median: median(needed) },
  };
}

/** A CSV field: quoted when it holds a comma, quote or line break; formula-leading text defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

/**
 * The same figures as CSV, one figure per line: `section,attribute,key,metric,value`
 * (shares and rates as fractions 0..1, empty when undefined). The first lines give the range.
 */
export function dashboardCsv(figures: DashboardFigures): string {
  const rows: (string | number | null)[][] = [["section", "attribute", "key", "metric", "value"]];
  rows.push(["range", "", "", "from", iso(figures.range.from)], ["range", "", "", "to", iso(figures.range.to)]);
  rows.push(["population", "", "", "users", figures.population]);
  for (const a of figures.attributes) {
    rows.push(["attribute", a.attribute, "", "users_with_value", a.users], ["attribute", a.attribute, "", "share", a.share]);
    for (const metric of ["shown", "answered", "skipped", "declined", "noAnswer"] as const) {
      rows.push(["funnel", a.attribute, "", metric === "noAnswer" ? "no_answer" : metric, a.funnel[metric]]);
    }
    rows.push(["funnel", a.attribute, "", "answer_rate", a.answerRate]);
  }
  for (const p of figures.positions) {
    rows.push(["position", "", String(p.position), "shown", p.shown], ["position", "", String(p.position), "answered", p.answered], ["position", "", String(p.position), "answer_rate", p.answerRate]);
  }
  for (const s of figures.sources) {
    rows.push(["source", "", s.source, "values", s.values], ["source", "", s.source, "users", s.users], ["source", "", s.source, "share", s.share]);
    for (const [attribute, n] of Object.entries(s.byAttribute)) rows.push(["source", attribute, s.source, "values", n]);
  }
  rows.push(["completion", "", "", "completed", figures.completion.completed], ["completion", "", "", "incomplete", figures.completion.incomplete]);
  rows.push(["completion", "", "", "median_logins", figures.completion.median]);
  for (const d of figures.completion.distribution) rows.push(["completion", "", String(d.logins), "users", d.users]);
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
