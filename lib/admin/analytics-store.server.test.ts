import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { AppDatabase } from "@/lib/db/database.server";
import { createStore, type Store } from "@/lib/db/store.server";
import { testEngines, type TestDatabase } from "@/lib/db/test-databases";
import { computeDashboard, type AnalyticsQuestion } from "./analytics";
import { loadAnalyticsInput, userHistory } from "./analytics-store.server";

const QUESTIONS: AnalyticsQuestion[] = [
  { attribute: "job_title", label: "Job title" },
  { attribute: "company", label: "Company" },
];
const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

for (const engine of testEngines) describe(`analytics rows (${engine.name})`, { skip: engine.skip }, () => {
  let opened: TestDatabase;
  let db: AppDatabase;
  let store: Store;
  beforeEach(async () => {
    opened = await engine.open();
    db = opened.db;
    store = createStore(db);
    // "old": prompted and answered before the range. "a", "b": inside. "settings": only a setting.
    await store.recordPromptShown("old", "old:1", ["job_title", "company"], T0 - H);
    await store.recordOutcomes("old", "old:1", [{ attribute: "job_title", outcome: "answered", position: 0 }, { attribute: "company", outcome: "answered", position: 1 }], T0 - H);
    await store.writeProvenance("old", {
      job_title: { source: "user", confidence: 1, at: new Date(T0 - H).toISOString(), confirmed: true, value: "Chef" },
      company: { source: "user", confidence: 1, at: new Date(T0 - H).toISOString(), confirmed: true, value: "Bistro" },
    });
    await store.recordPromptShown("a", "a:1", ["job_title", "company"], T0 + H);
    await store.recordOutcomes("a", "a:1", [{ attribute: "job_title", outcome: "answered", position: 0 }, { attribute: "company", outcome: "declined", position: 1 }], T0 + H);
    await store.writeProvenance("a", { job_title: { source: "user", confidence: 1, at: new Date(T0 + H).toISOString(), confirmed: true, value: "Pilot" } });
    await store.recordPromptShown("b", "b:1", ["job_title", "company"], T0 + 2 * H);
    await store.recordOutcomes("b", "b:1", [{ attribute: "job_title", outcome: "skipped", position: 0 }, { attribute: "company", outcome: "skipped", position: 1 }], T0 + 2 * H);
    await store.recordOutcomes("b", null, [{ attribute: "company", outcome: "answered", position: null }], T0 + 3 * H); // a profile-page edit
    await store.writeProvenance("b", { company: { source: "user", confidence: 1, at: new Date(T0 + 3 * H).toISOString(), confirmed: true, value: "Sky" } });
    await store.setEnrichmentOptOut("settings", true, T0 + H);
  });
  afterEach(async () => opened?.close());

  it("without a range: every user the store knows, all prompt events", async () => {
    const input = await loadAnalyticsInput(db, QUESTIONS, { from: null, to: null });
    assert.deepEqual([...input.users].sort(), ["a", "b", "old", "settings"]);
    assert.equal(input.events.length, 12, "prompt events only (the profile-page edit has no login)");
    const figures = computeDashboard(input);
    assert.equal(figures.population, 4);
    assert.deepEqual(figures.attributes.map((a) => [a.attribute, a.users, a.funnel.shown, a.funnel.answered]), [
      ["job_title", 2, 3, 2],
      ["company", 2, 3, 1],
    ]);
    // "old" completed at its first login; "a" at its first (job title answered, company declined).
    assert.deepEqual(figures.completion.distribution, [{ logins: 1, users: 2 }]);
    assert.equal(figures.completion.incomplete, 2);
  });

  it("with a range: users active in it, events in it; values and completion as they are now", async () => {
    const input = await loadAnalyticsInput(db, QUESTIONS, { from: T0, to: T0 + 10 * H });
    assert.deepEqual([...input.users].sort(), ["a", "b"], "a setting is not activity; old's activity is before the range");
    const figures = computeDashboard(input);
    const by = Object.fromEntries(figures.attributes.map((a) => [a.attribute, a]));
    assert.deepEqual(by.job_title!.funnel, { shown: 2, answered: 1, skipped: 1, declined: 0, noAnswer: 0 });
    assert.deepEqual(by.company!.funnel, { shown: 2, answered: 0, skipped: 1, declined: 1, noAnswer: 0 });
    assert.equal(by.job_title!.share, 0.5);
    assert.equal(by.company!.share, 0.5, "b's company came from the profile page: a value, not a prompt answer");
    assert.deepEqual(figures.positions, [
      { position: 1, shown: 2, answered: 1, answerRate: 0.5 },
      { position: 2, shown: 2, answered: 0, answerRate: 0 },
    ]);
    assert.deepEqual(figures.sources.map((s) => [s.source, s.values, s.users]), [["user", 2, 2]]);
  });

  it("the range ends are inclusive", async () => {
    const input = await loadAnalyticsInput(db, QUESTIONS, { from: T0 + 2 * H, to: T0 + 2 * H });
    assert.deepEqual(input.users, ["b"]);
    assert.equal(input.events.length, 4);
  });

  it("one user's history, newest first", async () => {
    const history = await userHistory(db, "b");
    assert.deepEqual(history.events.map((e) => [e.attribute, e.kind, e.loginKey]), [
      ["company", "answered", null],
      ["company", "skipped", "b:1"],
      ["job_title", "skipped", "b:1"],
      ["company", "shown", "b:1"],
      ["job_title", "shown", "b:1"],
    ]);
    assert.deepEqual(history.prompts.map((p) => [p.loginKey, p.attributes]), [["b:1", ["job_title", "company"]]]);
  });
});
