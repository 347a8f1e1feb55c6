import "server-only";
/**
 * The rows /admin's figures are computed from (lib/admin/analytics.ts), selected with Kysely only,
 * so the same queries run on SQLite and PostgreSQL. No figure is computed here.
 */
import type { NotNull } from "kysely";

import type { AppDatabase } from "@/lib/db/database.server";
import type { AnalyticsDecline, AnalyticsEvent, AnalyticsInput, AnalyticsLogin, AnalyticsProvenance, AnalyticsQuestion, DateRange } from "./analytics";

/** The population's user IDs as a subquery (see analytics.ts for the definition). */
function populationQuery(db: AppDatabase, range: DateRange) {
  const from = range.from ?? Number.MIN_SAFE_INTEGER;
  const to = range.to ?? Number.MAX_SAFE_INTEGER;
  if (range.from === null && range.to === null) {
    return db
      .selectFrom("question_state")
      .select("user_id")
      .union(db.selectFrom("login_prompt").select("user_id"))
      .union(db.selectFrom("provenance").select("user_id"))
      .union(db.selectFrom("user_settings").select("user_id"));
  }
  return db
    .selectFrom("prompt_event")
    .select("user_id")
    .where("at", ">=", from)
    .where("at", "<=", to)
    .union(db.selectFrom("login_prompt").select("user_id").where("shown_at", ">=", from).where("shown_at", "<=", to))
    .union(db.selectFrom("provenance").select("user_id").where("observed_at", ">=", from).where("observed_at", "<=", to));
}

/** Everything `computeDashboard` needs for `range`. */
export async function loadAnalyticsInput(db: AppDatabase, questions: readonly AnalyticsQuestion[], range: DateRange): Promise<AnalyticsInput> {
  const population = () => populationQuery(db, range);
  const { from, to } = range;
  const [users, events, provenance, declines, logins] = await Promise.all([
    population().execute(),
    db
      .selectFrom("prompt_event")
      .select(["user_id", "attribute", "kind", "position", "login_key", "at"])
      .where("login_key", "is not", null)
      .$call((q) => (from === null ? q : q.where("at", ">=", from)))
      .$call((q) => (to === null ? q : q.where("at", "<=", to)))
      .where("user_id", "in", population())
      .execute(),
    db.selectFrom("provenance").select(["user_id", "attribute", "source", "value", "observed_at"]).where("user_id", "in", population()).execute(),
    db
      .selectFrom("question_state")
      .select(["user_id", "attribute", "declined_at"])
      .where("declined_at", "is not", null)
      .$narrowType<{ declined_at: NotNull }>()
      .where("user_id", "in", population())
      .execute(),
    db.selectFrom("login_prompt").select(["user_id", "login_key", "shown_at"]).where("user_id", "in", population()).execute(),
  ]);
  return {
    questions,
    range,
    users: users.map((u) => u.user_id),
    events: events.map(
      (e): AnalyticsEvent => ({ userId: e.user_id, attribute: e.attribute, kind: e.kind, position: e.position, loginKey: e.login_key, at: e.at }),
    ),
    provenance: provenance.map(
      (p): AnalyticsProvenance => ({
        userId: p.user_id,
        attribute: p.attribute,
        source: p.source,
        value: p.value === null ? null : (JSON.parse(p.value) as string | number),
        observedAt: p.observed_at,
      }),
    ),
    declines: declines.map((d): AnalyticsDecline => ({ userId: d.user_id, attribute: d.attribute, declinedAt: d.declined_at })),
    logins: logins.map((l): AnalyticsLogin => ({ userId: l.user_id, loginKey: l.login_key, shownAt: l.shown_at })),
  };
}

/** One user's question history (for Explain on /admin): current state per question and their prompt events, newest first. */
export async function userHistory(db: AppDatabase, userId: string, limit = 200) {
  const [events, prompts] = await Promise.all([
    db
      .selectFrom("prompt_event")
      .select(["attribute", "kind", "position", "login_key", "at"])
      .where("user_id", "=", userId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute(),
    db.selectFrom("login_prompt").select(["login_key", "attributes", "shown_at", "finished_at", "dismissed_at"]).where("user_id", "=", userId).orderBy("shown_at", "desc").limit(50).execute(),
  ]);
  return {
    events: events.map((e) => ({ attribute: e.attribute, kind: e.kind, position: e.position, loginKey: e.login_key, at: e.at })),
    prompts: prompts.map((p) => ({
      loginKey: p.login_key,
      attributes: JSON.parse(p.attributes) as string[],
      shownAt: p.shown_at,
      finishedAt: p.finished_at,
      dismissedAt: p.dismissed_at,
    })),
  };
}
