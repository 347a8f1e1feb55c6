import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Migrator, sql } from "kysely";
import { type AppDatabase, DatabaseStartupError, openPostgresDatabase, openSqliteDatabase } from "./database.server";
import { migrationTableSchema, schemaTypes } from "./dialect.server";
import { createMigrationProvider } from "./migrations";
import { createStore, type EnrichmentRunRecord, type Store } from "./store.server";
import { postgresEngine, type TestDatabase, testEngines } from "./test-databases";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `promise` does; fails the test when that takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The whole suite, once per engine: each test gets a fresh, empty, migrated database.
for (const engine of testEngines) describe(`state store (${engine.name})`, { skip: engine.skip }, () => {
  let opened: TestDatabase;
  let db: AppDatabase;
  let store: Store;

  beforeEach(async () => {
    opened = await engine.open();
    db = opened.db;
    store = createStore(db);
  });
  afterEach(async () => opened?.close());

  it("knows its engine", () => {
    assert.equal(store.engine, engine.engine);
  });

  it("starts with no history for a user", async () => {
    assert.deepEqual(await store.questionStates("u1"), []);
    assert.equal(await store.loginPrompt("u1", "100"), null);
  });

  it("records a shown prompt once per login, counting each question once", async () => {
    await store.recordPromptShown("u1", "100", ["job_title", "company"], 1_000);
    await store.recordPromptShown("u1", "100", ["job_title", "company"], 2_000); // reload: same login
    const prompt = await store.loginPrompt("u1", "100");
    assert.deepEqual(prompt, { loginKey: "100", attributes: ["job_title", "company"], shownAt: 1_000, finishedAt: null, dismissedAt: null });
    const states = await store.questionStates("u1");
    assert.deepEqual(
      states.map((s) => [s.attribute, s.shownCount, s.lastShownAt]),
      [["company", 1, 1_000], ["job_title", 1, 1_000]],
    );
    const events = await db.selectFrom("prompt_event").select(["attribute", "kind", "position"]).orderBy("id").execute();
    assert.deepEqual(events, [
      { attribute: "job_title", kind: "shown", position: 0 },
      { attribute: "company", kind: "shown", position: 1 },
    ]);
  });

  it("records configuration problems, counts them, resolves and reopens them", async () => {
    const phone = { key: "attribute_not_configured:work_phone", kind: "attribute_not_configured", subject: "work_phone", message: "dropped", fix: "run it" };
    const signature = { key: "webhook_bad_signature", kind: "webhook_bad_signature", subject: "", message: "bad", fix: "set it" };
    assert.deepEqual(await store.configProblems(), []);
    await store.recordConfigProblem(phone, 1, 1_000);
    await store.recordConfigProblem(signature, 3, 2_000);
    await store.recordConfigProblem({ ...phone, message: "dropped again" }, 2, 3_000);
    assert.deepEqual(await store.configProblems(), [
      { ...phone, message: "dropped again", firstSeenAt: 1_000, lastSeenAt: 3_000, count: 3, resolvedAt: null },
      { ...signature, firstSeenAt: 2_000, lastSeenAt: 2_000, count: 3, resolvedAt: null },
    ]);

    assert.deepEqual(await store.resolveConfigProblems([phone.key, "attribute_not_configured:company"], 4_000), [phone.key]);
    assert.deepEqual(await store.resolveConfigProblems([phone.key], 5_000), [], "already resolved");
    assert.deepEqual(await store.resolveConfigProblems([], 5_000), []);
    const listed = await store.configProblems();
    assert.deepEqual(listed.map((p) => [p.key, p.resolvedAt]), [[signature.key, null], [phone.key, 4_000]], "open ones first");

    await store.recordConfigProblem(phone, 1, 6_000);
    const reopened = (await store.configProblems()).find((p) => p.key === phone.key);
    assert.deepEqual([reopened?.resolvedAt, reopened?.count, reopened?.firstSeenAt, reopened?.lastSeenAt], [null, 4, 1_000, 6_000]);
  });

  it("finds every visit of a sign-in, and only that sign-in's, oldest first", async () => {
    await store.recordPromptShown("u1", "u1:100", ["job_title"], 1_000);
    await store.recordPromptShown("u1", "u1:100:v2", ["company"], 90_000, "u1:100");
    await store.recordPromptShown("u1", "u1:100:v3", ["industry"], 200_000, "u1:100");
    await store.recordPromptShown("u1", "u1:100:v3", ["city"], 300_000, "u1:100"); // a second call for visit 3: nothing changes
    await store.recordPromptShown("u1", "u1:1000", ["city"], 5_000); // another sign-in whose key starts alike
    await store.recordPromptShown("u2", "u2:100", ["city"], 5_000);
    const visits = await store.signInPrompts("u1", "u1:100");
    assert.deepEqual(visits.map((v) => [v.loginKey, v.attributes, v.shownAt]), [
      ["u1:100", ["job_title"], 1_000],
      ["u1:100:v2", ["company"], 90_000],
      ["u1:100:v3", ["industry"], 200_000],
    ]);
    assert.deepEqual(await store.signInPrompts("u2", "u1:100"), []);
    assert.equal(await store.latestSignIn("u1"), "u1:100", "visit 3 of u1:100 is the latest prompt");
    assert.equal(await store.latestSignIn("u3"), null);
    assert.deepEqual((await store.signInPrompts("u1", "u1:1000")).map((v) => v.loginKey), ["u1:1000"]);
    await store.recordPromptFinished("u1", "u1:100:v2", 95_000);
    assert.equal((await store.loginPrompt("u1", "u1:100:v2"))?.finishedAt, 95_000);
    assert.equal((await store.loginPrompt("u1", "u1:100"))?.finishedAt, null);
  });

  it("finds a first visit written without sign_in (an instance older than migration 004, mid-deploy)", async () => {
    await db.insertInto("login_prompt").values({ user_id: "u1", login_key: "u1:7", sign_in: null, attributes: '["company"]', shown_at: 10, finished_at: null, dismissed_at: null }).execute();
    await db.insertInto("login_prompt").values({ user_id: "u1", login_key: "u1:8", sign_in: null, attributes: '["city"]', shown_at: 10, finished_at: null, dismissed_at: null }).execute();
    assert.deepEqual((await store.signInPrompts("u1", "u1:7")).map((v) => [v.loginKey, v.attributes]), [["u1:7", ["company"]]]);
  });

  it("migration 005 keeps every user's settings: opted-out users stay opted out, nobody has decided on consent yet", async () => {
    const migrator = new Migrator({ db, provider: createMigrationProvider(schemaTypes(engine.engine)), migrationTableSchema: await migrationTableSchema(db, engine.engine) });
    const down = await migrator.migrateTo("004_login_prompt_visit");
    assert.deepEqual(down.results?.map((r) => [r.migrationName, r.direction, r.status]), [
      ["006_provenance_suggested_by", "Down", "Success"],
      ["005_enrichment_sources", "Down", "Success"],
    ]);
    await sql`insert into user_settings (user_id, enrichment_opt_out, updated_at) values ('u1', 1, 1000), ('u2', 0, 2000)`.execute(db);
    const up = await migrator.migrateToLatest();
    assert.equal(up.error, undefined);
    assert.equal(await store.enrichmentOptOut("u1"), true);
    assert.equal(await store.enrichmentOptOut("u2"), false);
    assert.equal(await store.enrichmentConsent("u1"), null);
    assert.deepEqual(await store.enrichmentRuns("u1"), []);
  });

  it("migration 004 keeps every existing prompt: each becomes the first visit of its sign-in", async () => {
    const migrator = new Migrator({ db, provider: createMigrationProvider(schemaTypes(engine.engine)), migrationTableSchema: await migrationTableSchema(db, engine.engine) });
    const down = await migrator.migrateTo("003_config_problem");
    assert.equal(down.error, undefined);
    assert.deepEqual(down.results?.map((r) => [r.migrationName, r.direction, r.status]), [
      ["006_provenance_suggested_by", "Down", "Success"],
      ["005_enrichment_sources", "Down", "Success"],
      ["004_login_prompt_visit", "Down", "Success"],
    ]);
    // Rows as 003 wrote them: no sign_in column at all.
    await sql`insert into login_prompt (user_id, login_key, attributes, shown_at, finished_at, dismissed_at) values ('u1', 'u1:100', '["job_title","company"]', 1000, 2000, null), ('u2', 'u2:5', '["city"]', 3000, null, 4000)`.execute(db);
    const up = await migrator.migrateToLatest();
    assert.equal(up.error, undefined);
    assert.deepEqual(up.results?.map((r) => [r.migrationName, r.status]), [
      ["004_login_prompt_visit", "Success"],
      ["005_enrichment_sources", "Success"],
      ["006_provenance_suggested_by", "Success"],
    ]);
    const rows = await db.selectFrom("login_prompt").select(["user_id", "login_key", "sign_in"]).orderBy("user_id").execute();
    assert.deepEqual(rows, [
      { user_id: "u1", login_key: "u1:100", sign_in: "u1:100" },
      { user_id: "u2", login_key: "u2:5", sign_in: "u2:5" },
    ]);
    assert.deepEqual(await store.signInPrompts("u1", "u1:100"), [{ loginKey: "u1:100", attributes: ["job_title", "company"], shownAt: 1000, finishedAt: 2000, dismissedAt: null }]);
    assert.equal((await store.signInPrompts("u2", "u2:5"))[0]?.dismissedAt, 4000);
  });

  it("keeps users apart", async () => {
    await store.recordPromptShown("u1", "100", ["job_title"], 1_000);
    assert.deepEqual(await store.questionStates("u2"), []);
    assert.equal(await store.loginPrompt("u2", "100"), null);
  });

  it("counts skips, records answers and declines, and undoes a decline", async () => {
    await store.recordOutcomes("u1", "100", [
      { attribute: "job_title", outcome: "answered", position: 0 },
      { attribute: "company", outcome: "skipped", position: 1 },
    ], 5_000);
    await store.recordOutcomes("u1", "200", [{ attribute: "company", outcome: "skipped", position: 0 }], 6_000);
    await store.recordOutcomes("u1", "200", [{ attribute: "industry", outcome: "declined", position: 1 }], 6_000);
    const byName = Object.fromEntries((await store.questionStates("u1")).map((s) => [s.attribute, s]));
    assert.equal(byName.job_title?.answeredAt, 5_000);
    assert.equal(byName.company?.skipCount, 2);
    assert.equal(byName.company?.lastSkippedAt, 6_000);
    assert.equal(byName.industry?.declinedAt, 6_000);

    await store.undoDecline("u1", "industry", 7_000);
    const industry = (await store.questionStates("u1")).find((s) => s.attribute === "industry");
    assert.equal(industry?.declinedAt, null);
    const kinds = await db.selectFrom("prompt_event").select("kind").where("attribute", "=", "industry").orderBy("id").execute();
    assert.deepEqual(kinds.map((k) => k.kind), ["declined", "undeclined"]);
  });

  it("marks a login's prompt dismissed and finished only once", async () => {
    await store.recordPromptShown("u1", "100", ["job_title"], 1_000);
    await store.recordPromptDismissed("u1", "100", 2_000);
    await store.recordPromptDismissed("u1", "100", 3_000);
    await store.recordPromptFinished("u1", "100", 4_000);
    await store.recordPromptFinished("u1", "100", 5_000);
    const prompt = await store.loginPrompt("u1", "100");
    assert.equal(prompt?.dismissedAt, 2_000);
    assert.equal(prompt?.finishedAt, 4_000);
  });

  it("returns the first outcome of a submission id, whatever is recorded later", async () => {
    assert.equal(await store.submissionOutcome("u1", "s1"), null);
    await store.recordSubmission("u1", "s1", { ok: true, saved: ["job_title"] }, 1_000);
    await store.recordSubmission("u1", "s1", { ok: false }, 2_000);
    assert.deepEqual(await store.submissionOutcome("u1", "s1"), { ok: true, saved: ["job_title"] });
    assert.equal(await store.submissionOutcome("u2", "s1"), null, "another user's submission id is not theirs");
  });

  it("upserts and removes provenance", async () => {
    await store.writeProvenance("u1", {
      city: { source: "geoip", confidence: 0.6, at: new Date(1_000).toISOString(), confirmed: false },
      job_title: { source: "user", confidence: 1, at: new Date(1_000).toISOString(), confirmed: false },
    });
    await store.writeProvenance("u1", { city: { source: "confirmed", confidence: 1, at: new Date(2_000).toISOString(), confirmed: true } });
    await store.writeProvenance("u1", { job_title: null });
    assert.deepEqual(await store.provenance("u1"), {
      city: { source: "confirmed", confidence: 1, at: new Date(2_000).toISOString(), confirmed: true },
    });
  });

  it("keeps who suggested a value the user confirmed, and nothing for other records", async () => {
    await store.writeProvenance("u1", {
      company: { source: "confirmed", confidence: 1, at: "2026-03-01T12:00:00.000Z", confirmed: true, value: "Acme Robotics", suggestedBy: "work-email" },
      city: { source: "geoip", confidence: 0.5, at: "2026-03-01T12:00:00.000Z", confirmed: false, value: "London" },
    });
    const rows = await store.provenance("u1");
    assert.equal(rows.company?.suggestedBy, "work-email");
    assert.equal("suggestedBy" in (rows.city ?? {}), false);
    await store.writeProvenance("u1", { company: { source: "user", confidence: 1, at: "2026-03-02T12:00:00.000Z", confirmed: true, value: "Acme" } });
    assert.equal((await store.provenance("u1")).company?.suggestedBy, undefined, "a later answer of the user's own drops it");
  });

  it("keeps the value a provenance record describes, numbers and strings alike", async () => {
    await store.writeProvenance("u1", {
      city: { source: "geoip", confidence: 0.6, at: new Date(1_000).toISOString(), confirmed: false, value: "London" },
      team_size: { source: "user", confidence: 1, at: new Date(1_000).toISOString(), confirmed: true, value: 12 },
    });
    assert.deepEqual(await store.provenance("u1"), {
      city: { source: "geoip", confidence: 0.6, at: new Date(1_000).toISOString(), confirmed: false, value: "London" },
      team_size: { source: "user", confidence: 1, at: new Date(1_000).toISOString(), confirmed: true, value: 12 },
    });
  });

  it("serializes work per user with withUserLock", async () => {
    const order: string[] = [];
    await Promise.all([
      store.withUserLock("u1", async () => { order.push("a"); await sleep(10); order.push("a-end"); }),
      store.withUserLock("u1", async () => { order.push("b"); }),
    ]);
    assert.deepEqual(order, ["a", "a-end", "b"]);
  });

  it("runs withUserLock tasks of different users side by side", async () => {
    // u1's task only ends once u2's has run: with one lock for everybody this would time out.
    let u2Ran!: () => void;
    const ran = new Promise<void>((r) => (u2Ran = r));
    await Promise.all([
      store.withUserLock("u1", () => within(ran, 5_000, "u2's task did not run while u1's held its lock")),
      store.withUserLock("u2", async () => u2Ran()),
    ]);
  });

  it("releases the user lock when a task fails, and passes the error and results on", async () => {
    await assert.rejects(store.withUserLock("u1", async () => { throw new Error("Authgear said no"); }), /Authgear said no/);
    assert.equal(await store.withUserLock("u1", async () => 42), 42);
  });

  it("loses no update in 20 overlapping read-modify-writes of one user", async () => {
    await store.setEnrichmentOptOut("u1", false, 0);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.withUserLock("u1", async () => {
          const row = await db.selectFrom("user_settings").select("updated_at").where("user_id", "=", "u1").executeTakeFirstOrThrow();
          await sleep(2);
          await store.setEnrichmentOptOut("u1", false, row.updated_at + 1);
        }),
      ),
    );
    const row = await db.selectFrom("user_settings").select("updated_at").where("user_id", "=", "u1").executeTakeFirstOrThrow();
    assert.equal(row.updated_at, 20);
  });

  it("returns epoch milliseconds and ids as numbers", async () => {
    const at = Date.UTC(2026, 10, 29, 3, 0, 0, 123);
    await store.recordPromptShown("u1", "100", ["job_title"], at);
    const [event] = await db.selectFrom("prompt_event").select(["id", "at"]).execute();
    assert.equal(typeof event?.id, "number");
    assert.equal(event?.at, at);
    assert.equal((await store.loginPrompt("u1", "100"))?.shownAt, at);
  });

  it("stores the enrichment opt-out", async () => {
    assert.equal(await store.enrichmentOptOut("u1"), false);
    await store.setEnrichmentOptOut("u1", true, 1_000);
    assert.equal(await store.enrichmentOptOut("u1"), true);
    await store.setEnrichmentOptOut("u1", false, 2_000);
    assert.equal(await store.enrichmentOptOut("u1"), false);
  });

  const observed = (source: string, field: string, value: string | number | string[]) => ({ field, value, confidence: 0.8, source, observedAt: "2026-03-01T12:00:00.000Z", basis: `${source} answer` });
  const run = (provider: string, extra: Partial<EnrichmentRunRecord> = {}): EnrichmentRunRecord => ({
    provider,
    ranAt: 1_000,
    phase: "after-sign-up",
    outcome: "found",
    observations: [observed(provider, "job_title", "Head of Operations")],
    thirdParty: provider.startsWith("fullcontact"),
    ...extra,
  });

  it("keeps each provider's last run per user, with what it found", async () => {
    assert.deepEqual(await store.enrichmentRuns("u1"), []);
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person"), run("work-email", { phase: "sign-up", outcome: "cached", observations: [observed("work-email", "email_type", "work")] })]);
    await store.recordEnrichmentRuns("u2", [run("fullcontact-person", { outcome: "nothing", observations: [] })]);
    assert.deepEqual(await store.enrichmentRuns("u1"), [
      { ...run("fullcontact-person") },
      { ...run("work-email", { phase: "sign-up", outcome: "cached", observations: [observed("work-email", "email_type", "work")] }) },
    ]);
    // A later run replaces the earlier one...
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person", { ranAt: 2_000, phase: "login", outcome: "nothing", observations: [] })]);
    assert.deepEqual((await store.enrichmentRuns("u1"))[0], run("fullcontact-person", { ranAt: 2_000, phase: "login", outcome: "nothing", observations: [] }));
    assert.equal((await store.enrichmentRuns("u2")).length, 1);
  });

  it("a run that timed out or failed keeps the answer an earlier run found", async () => {
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person", { observations: [observed("fullcontact-person", "languages", ["en-GB", "fr"]), observed("fullcontact-person", "company_size", 125)] })]);
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person", { ranAt: 3_000, phase: "login", outcome: "error", observations: [] })]);
    const [stored] = await store.enrichmentRuns("u1");
    assert.equal(stored?.outcome, "error");
    assert.equal(stored?.ranAt, 3_000);
    assert.deepEqual(stored?.observations, [observed("fullcontact-person", "languages", ["en-GB", "fr"]), observed("fullcontact-person", "company_size", 125)]);
    // A first run that failed stores no observations.
    await store.recordEnrichmentRuns("u1", [run("pdl-person", { outcome: "timeout" })]);
    assert.deepEqual((await store.enrichmentRuns("u1")).find((r) => r.provider === "pdl-person")?.observations, []);
  });

  it("reads back only well-formed observations of the row's own provider", async () => {
    await db
      .insertInto("enrichment_run")
      .values({
        user_id: "u1",
        provider: "fullcontact-person",
        ran_at: 1,
        phase: "login",
        outcome: "found",
        third_party: 1,
        observations: JSON.stringify([observed("fullcontact-person", "job_title", "CTO"), observed("someone-else", "job_title", "CEO"), { field: "job_title" }, "nonsense"]),
      })
      .execute();
    await db.insertInto("enrichment_run").values({ user_id: "u1", provider: "broken", ran_at: 1, phase: "login", outcome: "found", third_party: 0, observations: "{not json" }).execute();
    await db.insertInto("enrichment_run").values({ user_id: "u1", provider: "odd-phase", ran_at: 1, phase: "yesterday", outcome: "found", third_party: 0, observations: "[]" }).execute();
    const runs = await store.enrichmentRuns("u1");
    assert.deepEqual(runs.map((r) => [r.provider, r.observations.map((o) => o.value)]), [["broken", []], ["fullcontact-person", ["CTO"]]]);
  });

  it("deletes runs: some providers', or all of a user's", async () => {
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person"), run("pdl-person"), run("work-email")]);
    await store.recordEnrichmentRuns("u2", [run("work-email")]);
    await store.deleteEnrichmentRuns("u1", ["pdl-person", "work-email"]);
    assert.deepEqual((await store.enrichmentRuns("u1")).map((r) => r.provider), ["fullcontact-person"]);
    await store.deleteEnrichmentRuns("u1", []);
    assert.equal((await store.enrichmentRuns("u1")).length, 1);
    await store.deleteEnrichmentRuns("u1");
    assert.deepEqual(await store.enrichmentRuns("u1"), []);
    assert.equal((await store.enrichmentRuns("u2")).length, 1);
  });

  it("opting out of enrichment deletes the user's runs, and only theirs", async () => {
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person"), run("work-email")]);
    await store.recordEnrichmentRuns("u2", [run("work-email")]);
    await store.setEnrichmentOptOut("u1", true, 5_000);
    assert.deepEqual(await store.enrichmentRuns("u1"), []);
    assert.equal((await store.enrichmentRuns("u2")).length, 1);
    await store.setEnrichmentOptOut("u2", false, 5_000);
    assert.equal((await store.enrichmentRuns("u2")).length, 1);
  });

  it("records the consent answer with its time; withdrawing it deletes the third-party runs", async () => {
    assert.equal(await store.enrichmentConsent("u1"), null);
    await store.setEnrichmentConsent("u1", true, 1_000);
    assert.deepEqual(await store.enrichmentConsent("u1"), { granted: true, at: 1_000 });
    assert.equal(await store.enrichmentOptOut("u1"), false, "a consent row is not an opt-out");
    await store.recordEnrichmentRuns("u1", [run("fullcontact-person"), run("work-email", { thirdParty: false })]);
    await store.recordEnrichmentRuns("u2", [run("fullcontact-person")]);
    await store.setEnrichmentConsent("u1", false, 2_000);
    assert.deepEqual(await store.enrichmentConsent("u1"), { granted: false, at: 2_000 });
    assert.deepEqual((await store.enrichmentRuns("u1")).map((r) => r.provider), ["work-email"]);
    assert.equal((await store.enrichmentRuns("u2")).length, 1, "another user's runs stay");
    await store.setEnrichmentConsent("u1", null, 3_000);
    assert.equal(await store.enrichmentConsent("u1"), null);
    // The opt-out and the consent answer are separate settings of one row.
    await store.setEnrichmentOptOut("u1", true, 4_000);
    await store.setEnrichmentConsent("u1", true, 5_000);
    assert.equal(await store.enrichmentOptOut("u1"), true);
    assert.deepEqual(await store.enrichmentConsent("u1"), { granted: true, at: 5_000 });
  });
});

describe("state store across app instances (PostgreSQL)", { skip: postgresEngine.skip }, () => {
  let opened: TestDatabase;
  let first: Store;
  let second: Store;

  beforeEach(async () => {
    opened = await postgresEngine.open();
    first = createStore(opened.db);
    second = createStore(await opened.openAnother()); // its own pool, its own in-process lock
  });
  afterEach(async () => opened?.close());

  it("serializes two withUserLock tasks for one user across two instances", async () => {
    const order: string[] = [];
    let aStarted!: () => void;
    const started = new Promise<void>((r) => (aStarted = r));
    const a = first.withUserLock("u1", async () => { order.push("a"); aStarted(); await sleep(300); order.push("a-end"); });
    await started;
    const b = second.withUserLock("u1", async () => { order.push("b"); });
    await Promise.all([a, b]);
    assert.deepEqual(order, ["a", "a-end", "b"]);
  });

  it("lets two instances work on different users at once", async () => {
    let u2Ran!: () => void;
    const ran = new Promise<void>((r) => (u2Ran = r));
    await Promise.all([
      first.withUserLock("u1", () => within(ran, 5_000, "the other instance's task for u2 did not run while u1's lock was held")),
      second.withUserLock("u2", async () => u2Ran()),
    ]);
  });

  it("holds a transaction-level advisory lock while the task runs, and none after", async () => {
    const advisoryLocks = async () => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory' and granted`.execute(second.db);
      return rows[0]?.n;
    };
    const during = await first.withUserLock("u1", advisoryLocks);
    assert.equal(during, 1);
    assert.equal(await advisoryLocks(), 0);
    await assert.rejects(first.withUserLock("u1", async () => { throw new Error("boom"); }), /boom/);
    assert.equal(await advisoryLocks(), 0, "a failed task rolls back and releases the lock");
  });

  it("loses no update in 40 read-modify-writes of one user alternating between the instances", async () => {
    await first.setEnrichmentOptOut("u1", false, 0);
    const stores = [first, second];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const store = stores[i % 2]!;
        return store.withUserLock("u1", async () => {
          const row = await store.db.selectFrom("user_settings").select("updated_at").where("user_id", "=", "u1").executeTakeFirstOrThrow();
          await sleep(2);
          await store.setEnrichmentOptOut("u1", false, row.updated_at + 1);
        });
      }),
    );
    assert.equal(
      (await first.db.selectFrom("user_settings").select("updated_at").where("user_id", "=", "u1").executeTakeFirstOrThrow()).updated_at,
      40,
    );
  });

  it("does not exhaust the pool when many users save at once", async () => {
    // More concurrent users than pooled connections: each lock holds one, each task needs another.
    const done = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        first.withUserLock(`user-${i}`, async () => {
          await first.setEnrichmentOptOut(`user-${i}`, true, i);
          await sleep(5);
          return first.enrichmentOptOut(`user-${i}`);
        }),
      ),
    );
    assert.deepEqual(done, Array(30).fill(true));
  });

  it("reuses the schema an instance migrated: the second start applies nothing and sees the data", async () => {
    await first.setEnrichmentOptOut("u1", true, 1);
    assert.equal(await second.enrichmentOptOut("u1"), true);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(first.db);
    assert.deepEqual(rows.map((r) => r.name), ["001_initial", "002_provenance_value", "003_config_problem", "004_login_prompt_visit", "005_enrichment_sources", "006_provenance_suggested_by"]);
  });
});

describe("opening the database the environment chose", () => {
  it("names the server, never the password, when PostgreSQL cannot be reached", async () => {
    await assert.rejects(openPostgresDatabase("postgres://gradual:s3cret@127.0.0.1:1/gradual"), (e: Error) => {
      assert.ok(e instanceof DatabaseStartupError);
      assert.match(e.message, /PostgreSQL at 127\.0\.0\.1:1\/gradual/);
      assert.doesNotMatch(e.message, /s3cret/);
      return true;
    });
  });
});

describe("database start-up", () => {
  it("creates the file and its folder, and reopens it with the data kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gradual-db-"));
    try {
      const path = join(dir, "nested", "state.sqlite");
      const first = await openSqliteDatabase(path);
      await createStore(first).setEnrichmentOptOut("u1", true, 1);
      await first.destroy();
      const second = await openSqliteDatabase(path);
      assert.equal(await createStore(second).enrichmentOptOut("u1"), true);
      await second.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails with a message naming the path when the file cannot be opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gradual-db-"));
    try {
      const path = join(dir, "is-a-directory");
      mkdirSync(path);
      await assert.rejects(openSqliteDatabase(path), (e: Error) => e.message.startsWith(`Cannot open the SQLite database at ${path}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
