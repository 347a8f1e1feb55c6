import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, beforeEach, describe, it } from "node:test";
import { openSqliteDatabase, type AppDatabase } from "./database.server";
import { createStore, type Store } from "./store.server";

describe("state store (SQLite)", () => {
  let db: AppDatabase;
  let store: Store;

  beforeEach(async () => {
    db = await openSqliteDatabase(":memory:");
    store = createStore(db);
  });
  after(async () => db?.destroy());

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
    await store.writeProvenance("u1", [
      { attribute: "city", source: "geoip", confidence: 0.6, observedAt: 1_000, confirmed: false },
      { attribute: "job_title", source: "user", confidence: 1, observedAt: 1_000, confirmed: false },
    ]);
    await store.writeProvenance("u1", [{ attribute: "city", source: "confirmed", confidence: 1, observedAt: 2_000, confirmed: true }]);
    await store.writeProvenance("u1", [{ attribute: "job_title", source: null }]);
    assert.deepEqual(await store.provenance("u1"), [
      { attribute: "city", source: "confirmed", confidence: 1, observedAt: 2_000, confirmed: true },
    ]);
  });

  it("keeps the value a provenance record describes, numbers and strings alike", async () => {
    await store.writeProvenance("u1", [
      { attribute: "city", source: "geoip", confidence: 0.6, observedAt: 1_000, confirmed: false, value: "London" },
      { attribute: "team_size", source: "user", confidence: 1, observedAt: 1_000, confirmed: true, value: 12 },
    ]);
    assert.deepEqual(await store.provenance("u1"), [
      { attribute: "city", source: "geoip", confidence: 0.6, observedAt: 1_000, confirmed: false, value: "London" },
      { attribute: "team_size", source: "user", confidence: 1, observedAt: 1_000, confirmed: true, value: 12 },
    ]);
  });

  it("serializes work per user with withUserLock", async () => {
    const order: string[] = [];
    await Promise.all([
      store.withUserLock("u1", async () => { order.push("a"); await new Promise((r) => setTimeout(r, 10)); order.push("a-end"); }),
      store.withUserLock("u1", async () => { order.push("b"); }),
    ]);
    assert.deepEqual(order, ["a", "a-end", "b"]);
  });

  it("stores the enrichment opt-out", async () => {
    assert.equal(await store.enrichmentOptOut("u1"), false);
    await store.setEnrichmentOptOut("u1", true, 1_000);
    assert.equal(await store.enrichmentOptOut("u1"), true);
    await store.setEnrichmentOptOut("u1", false, 2_000);
    assert.equal(await store.enrichmentOptOut("u1"), false);
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
