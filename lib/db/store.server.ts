import "server-only";
import type { AppDatabase } from "./database.server";
import { type Engine, engineOf, lockUserInTransaction, POSTGRES_LOCK_CONCURRENCY } from "./dialect.server";
import { createKeyedMutex, createSemaphore } from "./keyed-mutex";
import type { ConfigProblem } from "@/lib/admin/config-problems";
import type { LoginPrompt, Provenance, QuestionOutcome, QuestionState } from "@/lib/domain";
import type { EnrichedValue, EnrichmentPhase } from "@/lib/enrichment/types";
import type { RunOutcome } from "@/lib/enrichment/enrich";
import type { ConfigProblemTable, EnrichmentRunTable, LoginPromptTable, ProvenanceTable, QuestionStateTable } from "./schema";

export type { ConfigProblem };

/** One provider's last run for a user, as stored (migration 005). */
export interface StoredEnrichmentRun {
  provider: string;
  /** Epoch ms. */
  ranAt: number;
  phase: EnrichmentPhase;
  outcome: RunOutcome;
  /** What it found on its last run that answered (a timeout or an error keeps the earlier answer). */
  observations: EnrichedValue[];
  thirdParty: boolean;
}

/** A run to record: outcomes "timeout" and "error" keep the observations already stored. */
export type EnrichmentRunRecord = StoredEnrichmentRun;

const PHASES: readonly string[] = ["sign-up", "after-sign-up", "login", "consent"] satisfies readonly EnrichmentPhase[];
const OUTCOMES: readonly string[] = ["found", "nothing", "timeout", "error", "invalid", "cached"] satisfies readonly RunOutcome[];

/** A stored observation, checked for shape only (the service checks it again against the provider's current specs). */
function storedObservation(item: unknown, provider: string): EnrichedValue | null {
  if (typeof item !== "object" || item === null) return null;
  const o = item as Record<string, unknown>;
  const value = o.value;
  const valueOk =
    typeof value === "string" || (typeof value === "number" && Number.isFinite(value)) || (Array.isArray(value) && value.every((v) => typeof v === "string"));
  if (typeof o.field !== "string" || !valueOk || typeof o.confidence !== "number" || typeof o.observedAt !== "string" || o.source !== provider) return null;
  const out: EnrichedValue = { field: o.field, value: value, confidence: o.confidence, source: provider, observedAt: o.observedAt };
  if (typeof o.basis === "string") out.basis = o.basis;
  if (o.prefill === true) out.prefill = true;
  return out;
}

function toEnrichmentRun(row: EnrichmentRunTable): StoredEnrichmentRun | null {
  if (!PHASES.includes(row.phase) || !OUTCOMES.includes(row.outcome)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.observations);
  } catch {
    raw = [];
  }
  const observations = Array.isArray(raw) ? raw.map((item) => storedObservation(item, row.provider)).filter((o) => o !== null) : [];
  return {
    provider: row.provider,
    ranAt: row.ran_at,
    phase: row.phase as EnrichmentPhase,
    outcome: row.outcome as RunOutcome,
    observations,
    thirdParty: row.third_party === 1,
  };
}

function toConfigProblem(row: ConfigProblemTable): ConfigProblem {
  return {
    key: row.key,
    kind: row.kind,
    subject: row.subject,
    message: row.message,
    fix: row.fix,
    // Numbers already: PostgreSQL's int8 is parsed to one (lib/db/dialect.server.ts), SQLite's integers are.
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    count: row.count,
    resolvedAt: row.resolved_at,
  };
}

function toQuestionState(row: QuestionStateTable): QuestionState {
  return {
    attribute: row.attribute,
    shownCount: row.shown_count,
    lastShownAt: row.last_shown_at,
    answeredAt: row.answered_at,
    skipCount: row.skip_count,
    lastSkippedAt: row.last_skipped_at,
    declinedAt: row.declined_at,
  };
}

function toLoginPrompt(row: LoginPromptTable): LoginPrompt {
  return {
    loginKey: row.login_key,
    attributes: JSON.parse(row.attributes) as string[],
    shownAt: row.shown_at,
    finishedAt: row.finished_at,
    dismissedAt: row.dismissed_at,
  };
}

/** A provenance row as the domain's Provenance (lib/domain.ts: ISO time; the row keeps epoch ms). */
function toProvenance(row: ProvenanceTable): Provenance {
  return {
    source: row.source,
    confidence: row.confidence,
    at: new Date(row.observed_at).toISOString(),
    confirmed: row.confirmed === 1,
    ...(row.value === null ? {} : { value: JSON.parse(row.value) as string | number }),
    ...(row.suggested_by === null ? {} : { suggestedBy: row.suggested_by }),
  };
}

type UserLock = <T>(userId: string, task: () => Promise<T>) => Promise<T>;

/**
 * The store's own per-user lock. One store per database and process (the composition root,
 * lib/server/services.server.ts, remembers the one it made), so every save of a user in this
 * process waits on the same lock.
 */
function createUserLock(db: AppDatabase, engine: Engine): UserLock {
  const exclusive = createKeyedMutex();
  if (engine === "sqlite") return exclusive;
  const limit = createSemaphore(POSTGRES_LOCK_CONCURRENCY);
  // The in-process lock first: a second save of the same user in this instance waits here,
  // without a connection, instead of holding one while it waits for the database's lock.
  return (userId, task) =>
    exclusive(userId, () =>
      limit(() =>
        db.transaction().execute(async (trx) => {
          await lockUserInTransaction(trx, userId);
          return task();
        }),
      ),
    );
}

export interface StoreOptions {
  /** The engine behind `db`; by default read from the Kysely instance (PostgreSQL or else SQLite). */
  engine?: Engine;
}

/** The few queries the app needs, over whichever Kysely database it is given. */
export function createStore(db: AppDatabase, options: StoreOptions = {}) {
  const engine = options.engine ?? engineOf(db);
  const userLock = createUserLock(db, engine);
  async function ensureQuestionRow(trx: AppDatabase, userId: string, attribute: string) {
    await trx
      .insertInto("question_state")
      .values({ user_id: userId, attribute, shown_count: 0, skip_count: 0, last_shown_at: null, answered_at: null, last_skipped_at: null, declined_at: null })
      .onConflict((oc) => oc.columns(["user_id", "attribute"]).doNothing())
      .execute();
  }

  return {
    db,
    engine,

    /**
     * Runs `task` while holding the user's save lock: saves for one user never interleave, so a
     * read-merge-write of Authgear's whole custom-attributes object cannot drop another save's answer.
     * SQLite (one process): an in-process lock. PostgreSQL (any number of instances): the in-process
     * lock, then a transaction holding `pg_advisory_xact_lock` on the user for as long as `task`
     * runs; committed when it resolves, rolled back when it throws (the error is rethrown). The
     * transaction only scopes the lock: `task`'s own store calls run on other connections and
     * commit on their own.
     */
    withUserLock<T>(userId: string, task: () => Promise<T>): Promise<T> {
      return userLock(userId, task);
    },

    async questionStates(userId: string): Promise<QuestionState[]> {
      const rows = await db.selectFrom("question_state").selectAll().where("user_id", "=", userId).orderBy("attribute").execute();
      return rows.map(toQuestionState);
    },

    async loginPrompt(userId: string, loginKey: string): Promise<LoginPrompt | null> {
      const row = await db
        .selectFrom("login_prompt")
        .selectAll()
        .where("user_id", "=", userId)
        .where("login_key", "=", loginKey)
        .executeTakeFirst();
      return row ? toLoginPrompt(row) : null;
    },

    /** Every visit's prompt of the sign-in `signIn` (its `loginKey`), oldest first. */
    async signInPrompts(userId: string, signIn: string): Promise<LoginPrompt[]> {
      const rows = await db
        .selectFrom("login_prompt")
        .selectAll()
        .where("user_id", "=", userId)
        // A row from an instance older than migration 004 has no sign_in: it is a first visit.
        .where((eb) => eb.or([eb("sign_in", "=", signIn), eb.and([eb("sign_in", "is", null), eb("login_key", "=", signIn)])]))
        .orderBy("shown_at")
        .orderBy("login_key")
        .execute();
      return rows.map(toLoginPrompt);
    },

    /** The sign-in key (`${sub}:${auth_time}`) of the user's most recently shown prompt, or null. */
    async latestSignIn(userId: string): Promise<string | null> {
      const row = await db
        .selectFrom("login_prompt")
        .select(["sign_in", "login_key"])
        .where("user_id", "=", userId)
        .orderBy("shown_at", "desc")
        .orderBy("login_key", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? (row.sign_in ?? row.login_key) : null;
    },

    /**
     * Records that a visit's prompt (`loginKey`, the visit's key, of the sign-in `signIn`) showed
     * `attributes`; idempotent per visit (a second call for the same visit changes nothing).
     */
    async recordPromptShown(userId: string, loginKey: string, attributes: string[], at: number, signIn: string = loginKey): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("login_prompt")
          .values({ user_id: userId, login_key: loginKey, sign_in: signIn, attributes: JSON.stringify(attributes), shown_at: at, finished_at: null, dismissed_at: null })
          .onConflict((oc) => oc.columns(["user_id", "login_key"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
        for (const [position, attribute] of attributes.entries()) {
          await ensureQuestionRow(trx, userId, attribute);
          await trx
            .updateTable("question_state")
            .set((eb) => ({ shown_count: eb("shown_count", "+", 1), last_shown_at: at }))
            .where("user_id", "=", userId)
            .where("attribute", "=", attribute)
            .execute();
          await trx.insertInto("prompt_event").values({ user_id: userId, attribute, kind: "shown", position, login_key: loginKey, at }).execute();
        }
      });
    },

    async recordPromptDismissed(userId: string, loginKey: string, at: number): Promise<void> {
      await db
        .updateTable("login_prompt")
        .set({ dismissed_at: at })
        .where("user_id", "=", userId)
        .where("login_key", "=", loginKey)
        .where("dismissed_at", "is", null)
        .execute();
    },

    async recordPromptFinished(userId: string, loginKey: string, at: number): Promise<void> {
      await db
        .updateTable("login_prompt")
        .set({ finished_at: at })
        .where("user_id", "=", userId)
        .where("login_key", "=", loginKey)
        .where("finished_at", "is", null)
        .execute();
    },

    /** Records what happened to each question of a prompt, with its position in it. */
    async recordOutcomes(
      userId: string,
      loginKey: string | null,
      outcomes: { attribute: string; outcome: QuestionOutcome; position: number | null }[],
      at: number,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const { attribute, outcome, position } of outcomes) {
          await ensureQuestionRow(trx, userId, attribute);
          const update = trx.updateTable("question_state").where("user_id", "=", userId).where("attribute", "=", attribute);
          if (outcome === "answered") await update.set({ answered_at: at }).execute();
          else if (outcome === "declined") await update.set({ declined_at: at }).execute();
          else await update.set((eb) => ({ skip_count: eb("skip_count", "+", 1), last_skipped_at: at })).execute();
          await trx.insertInto("prompt_event").values({ user_id: userId, attribute, kind: outcome, position, login_key: loginKey, at }).execute();
        }
      });
    },

    /** Undoes "Don't ask again": the question becomes eligible again. */
    async undoDecline(userId: string, attribute: string, at: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("question_state")
          .set({ declined_at: null, skip_count: 0, last_skipped_at: null })
          .where("user_id", "=", userId)
          .where("attribute", "=", attribute)
          .where("declined_at", "is not", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) > 0) {
          await trx.insertInto("prompt_event").values({ user_id: userId, attribute, kind: "undeclined", position: null, login_key: null, at }).execute();
        }
      });
    },

    /** The result of an earlier submission with this id, if any (for idempotent retries). */
    async submissionOutcome<T>(userId: string, id: string): Promise<T | null> {
      const row = await db.selectFrom("submission").select("outcome").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      return row ? (JSON.parse(row.outcome) as T) : null;
    },

    async recordSubmission(userId: string, id: string, outcome: unknown, at: number): Promise<void> {
      await db
        .insertInto("submission")
        .values({ id, user_id: userId, created_at: at, outcome: JSON.stringify(outcome) })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },

    /** The user's provenance, per attribute (in attribute order). */
    async provenance(userId: string): Promise<Record<string, Provenance>> {
      const rows = await db.selectFrom("provenance").selectAll().where("user_id", "=", userId).orderBy("attribute").execute();
      return Object.fromEntries(rows.map((row) => [row.attribute, toProvenance(row)]));
    },

    /** Upserts provenance per attribute; `null` removes the attribute's provenance. */
    async writeProvenance(userId: string, updates: Readonly<Record<string, Provenance | null>>): Promise<void> {
      const entries = Object.entries(updates);
      if (entries.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const [attribute, p] of entries) {
          if (p === null) {
            await trx.deleteFrom("provenance").where("user_id", "=", userId).where("attribute", "=", attribute).execute();
            continue;
          }
          const row = {
            source: p.source,
            confidence: p.confidence,
            observed_at: Date.parse(p.at),
            confirmed: p.confirmed ? 1 : 0,
            value: p.value === undefined ? null : JSON.stringify(p.value),
            suggested_by: p.suggestedBy ?? null,
          };
          await trx
            .insertInto("provenance")
            .values({ user_id: userId, attribute, ...row })
            .onConflict((oc) => oc.columns(["user_id", "attribute"]).doUpdateSet(row))
            .execute();
        }
      });
    },

    /**
     * Records `count` more occurrences of a configuration problem seen at `at`: a new row, or the
     * row's count and last-seen time moved on (and reopened when it had been resolved). The
     * message and fix are the latest ones.
     */
    async recordConfigProblem(
      problem: Pick<ConfigProblem, "key" | "kind" | "subject" | "message" | "fix">,
      count: number,
      at: number,
    ): Promise<void> {
      await db
        .insertInto("config_problem")
        .values({ ...problem, first_seen_at: at, last_seen_at: at, count, resolved_at: null })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet((eb) => ({
            kind: problem.kind,
            subject: problem.subject,
            message: problem.message,
            fix: problem.fix,
            last_seen_at: at,
            count: eb("config_problem.count", "+", count),
            resolved_at: null,
          })),
        )
        .execute();
    },

    /** Marks the open problems among `keys` as resolved at `at`; returns the keys it resolved. */
    async resolveConfigProblems(keys: readonly string[], at: number): Promise<string[]> {
      if (keys.length === 0) return [];
      const open = await db
        .selectFrom("config_problem")
        .select("key")
        .where("key", "in", [...keys])
        .where("resolved_at", "is", null)
        .execute();
      if (open.length === 0) return [];
      const resolved = open.map((r) => r.key);
      await db.updateTable("config_problem").set({ resolved_at: at }).where("key", "in", resolved).where("resolved_at", "is", null).execute();
      return resolved;
    },

    /** Every recorded configuration problem: open ones first, then by last seen, newest first. */
    async configProblems(): Promise<ConfigProblem[]> {
      const rows = await db.selectFrom("config_problem").selectAll().orderBy("last_seen_at", "desc").orderBy("key").execute();
      const problems = rows.map(toConfigProblem);
      return [...problems.filter((p) => p.resolvedAt === null), ...problems.filter((p) => p.resolvedAt !== null)];
    },

    async enrichmentOptOut(userId: string): Promise<boolean> {
      const row = await db.selectFrom("user_settings").select("enrichment_opt_out").where("user_id", "=", userId).executeTakeFirst();
      return row?.enrichment_opt_out === 1;
    },

    /** Opting out also forgets every source's last run and what it found (no provider runs after it). */
    async setEnrichmentOptOut(userId: string, optOut: boolean, at: number): Promise<void> {
      const row = { enrichment_opt_out: optOut ? 1 : 0, updated_at: at };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("user_settings")
          .values({ user_id: userId, ...row })
          .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
          .execute();
        if (optOut) await trx.deleteFrom("enrichment_run").where("user_id", "=", userId).execute();
      });
    },

    /** The user's answer to the consent question for third-party sources, with its time; null when not decided. */
    async enrichmentConsent(userId: string): Promise<{ granted: boolean; at: number } | null> {
      const row = await db
        .selectFrom("user_settings")
        .select(["third_party_consent", "third_party_consent_at"])
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (!row || row.third_party_consent === null) return null;
      return { granted: row.third_party_consent === 1, at: row.third_party_consent_at ?? 0 };
    },

    /**
     * Records the answer (null: undecided again) at `at`. Anything but a yes also deletes the
     * third-party sources' runs, and with them the suggestions they hold.
     */
    async setEnrichmentConsent(userId: string, granted: boolean | null, at: number): Promise<void> {
      const consent = { third_party_consent: granted === null ? null : granted ? 1 : 0, third_party_consent_at: granted === null ? null : at, updated_at: at };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("user_settings")
          .values({ user_id: userId, enrichment_opt_out: 0, ...consent })
          .onConflict((oc) => oc.column("user_id").doUpdateSet(consent))
          .execute();
        if (granted !== true) await trx.deleteFrom("enrichment_run").where("user_id", "=", userId).where("third_party", "=", 1).execute();
      });
    },

    /** The last run of each provider for the user, in provider-name order. */
    async enrichmentRuns(userId: string): Promise<StoredEnrichmentRun[]> {
      const rows = await db.selectFrom("enrichment_run").selectAll().where("user_id", "=", userId).orderBy("provider").execute();
      return rows.map(toEnrichmentRun).filter((r) => r !== null);
    },

    /**
     * Records each run as its provider's last. A "timeout" or an "error" keeps the observations
     * already stored (a flaky call does not forget a good answer); every other outcome replaces them.
     */
    async recordEnrichmentRuns(userId: string, runs: readonly EnrichmentRunRecord[]): Promise<void> {
      if (runs.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const run of runs) {
          const keep = run.outcome === "timeout" || run.outcome === "error";
          const row = { ran_at: run.ranAt, phase: run.phase, outcome: run.outcome, third_party: run.thirdParty ? 1 : 0 };
          const observations = JSON.stringify(keep ? [] : run.observations);
          await trx
            .insertInto("enrichment_run")
            .values({ user_id: userId, provider: run.provider, ...row, observations })
            .onConflict((oc) => oc.columns(["user_id", "provider"]).doUpdateSet(keep ? row : { ...row, observations }))
            .execute();
        }
      });
    },

    /** Forgets the user's runs: of these providers, or all. */
    async deleteEnrichmentRuns(userId: string, providers?: readonly string[]): Promise<void> {
      if (providers !== undefined && providers.length === 0) return;
      let query = db.deleteFrom("enrichment_run").where("user_id", "=", userId);
      if (providers !== undefined) query = query.where("provider", "in", [...providers]);
      await query.execute();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
