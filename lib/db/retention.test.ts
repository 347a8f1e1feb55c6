import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { promisify } from "node:util";
import { type AppDatabase, openSqliteDatabase } from "./database.server";
import { DEFAULT_RETENTION_DAYS, parseSettings } from "@/lib/env.server";
import { purgePromptEvents } from "./retention.server";

const retentionDays = (source: Record<string, string>) => parseSettings(source).PROMPT_EVENT_RETENTION_DAYS;
import { createStore, type Store } from "./store.server";
import { testEngines, type TestDatabase } from "./test-databases";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29, 12);

describe("PROMPT_EVENT_RETENTION_DAYS", () => {
  it("defaults to 365 when unset or blank", () => {
    assert.equal(DEFAULT_RETENTION_DAYS, 365);
    assert.equal(retentionDays({}), 365);
    assert.equal(retentionDays({ PROMPT_EVENT_RETENTION_DAYS: "  " }), 365);
  });
  it("reads whole days", () => {
    assert.equal(retentionDays({ PROMPT_EVENT_RETENTION_DAYS: "30" }), 30);
    assert.equal(retentionDays({ PROMPT_EVENT_RETENTION_DAYS: " 7 " }), 7);
  });
  it("refuses anything else, naming the variable", () => {
    for (const bad of ["0", "-5", "1.5", "1e3", "ten", "36501"]) {
      assert.throws(() => retentionDays({ PROMPT_EVENT_RETENTION_DAYS: bad }), /PROMPT_EVENT_RETENTION_DAYS/, bad);
    }
  });
});

for (const engine of testEngines) describe(`purgePromptEvents (${engine.name})`, { skip: engine.skip }, () => {
  let opened: TestDatabase;
  let db: AppDatabase;
  let store: Store;
  beforeEach(async () => {
    opened = await engine.open();
    db = opened.db;
    store = createStore(db);
  });
  afterEach(async () => opened?.close());

  it("deletes events older than the period, keeps the rest and everything else", async () => {
    const old = NOW - 40 * DAY;
    const edge = NOW - 30 * DAY;
    await store.recordPromptShown("u1", "u1:1", ["job_title", "company"], old);
    await store.recordOutcomes("u1", "u1:1", [{ attribute: "job_title", outcome: "answered", position: 0 }, { attribute: "company", outcome: "declined", position: 1 }], old);
    await store.writeProvenance("u1", { job_title: { source: "user", confidence: 1, at: new Date(old).toISOString(), confirmed: true, value: "Chef" } });
    await store.recordPromptShown("u1", "u1:2", ["industry"], edge);
    await store.recordPromptShown("u2", "u2:1", ["job_title"], NOW - DAY);

    const result = await purgePromptEvents(db, { days: 30, now: NOW });
    assert.deepEqual(result, { cutoff: edge, deleted: 4 });

    const left = await db.selectFrom("prompt_event").select(["user_id", "attribute", "at"]).orderBy("at").execute();
    assert.deepEqual(left, [
      { user_id: "u1", attribute: "industry", at: edge },
      { user_id: "u2", attribute: "job_title", at: NOW - DAY },
    ]);
    // Provenance of current values, question state ("Don't ask again") and login prompts are kept.
    assert.equal((await store.provenance("u1")).job_title?.value, "Chef");
    const states = Object.fromEntries((await store.questionStates("u1")).map((s) => [s.attribute, s]));
    assert.equal(states.company?.declinedAt, old);
    assert.equal(states.job_title?.answeredAt, old);
    assert.ok(await store.loginPrompt("u1", "u1:1"));

    assert.deepEqual(await purgePromptEvents(db, { days: 30, now: NOW }), { cutoff: edge, deleted: 0 }, "idempotent");
  });

  it("refuses a period below one day", async () => {
    await assert.rejects(purgePromptEvents(db, { days: 0, now: NOW }), /days must be a whole number/);
    await assert.rejects(purgePromptEvents(db, { days: 1.5, now: NOW }), /days must be a whole number/);
  });
});

describe("npm run db:purge", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gradual-purge-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-purge.ts"], {
      env: { ...process.env, DATABASE_URL: "", ...env },
      cwd: process.cwd(),
    });

  it("purges the configured database and says how much", async () => {
    const path = join(dir, "state.sqlite");
    const db = await openSqliteDatabase(path);
    const store = createStore(db);
    await store.recordPromptShown("u1", "u1:1", ["job_title"], Date.now() - 10 * DAY);
    await store.recordPromptShown("u1", "u1:2", ["company"], Date.now() - DAY);
    await db.destroy();

    const { stdout } = await run({ SQLITE_PATH: path, PROMPT_EVENT_RETENTION_DAYS: "5" });
    assert.match(stdout, /Deleted 1 prompt event\(s\) older than 5 days/);

    const after = await openSqliteDatabase(path);
    const rows = await after.selectFrom("prompt_event").select("attribute").execute();
    await after.destroy();
    assert.deepEqual(rows, [{ attribute: "company" }]);
  });

  it("exits 1 with the reason on a bad setting", async () => {
    await assert.rejects(run({ SQLITE_PATH: join(dir, "x.sqlite"), PROMPT_EVENT_RETENTION_DAYS: "soon" }), (error: Error & { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? "", /db:purge: PROMPT_EVENT_RETENTION_DAYS must be a whole number/);
      return true;
    });
  });
});
