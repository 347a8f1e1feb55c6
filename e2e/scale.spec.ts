/**
 * No lost answer under load and across instances (ADR 013; issues 5.4 and 6.4), against a
 * production build over the generated 100-question load catalog (bench/load/, .data/next-load),
 * its own emulator and `next start` processes on free ports, driving the real Server Actions over
 * HTTP. Every value a save reported is read back through the Admin API.
 * The same runs, bigger and timed, are `npm run bench -- multi-instance load`.
 */
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { buildLoadApp, startCluster, type Cluster } from "@/bench/load/cluster";
import { loadDatabase, postgresInstallHint, type LoadDatabase } from "@/bench/load/postgres";
import { parallelSaves, signInPromptSave } from "@/bench/load/scenarios";

const root = process.cwd();
const logDir = join(root, "test-results", "scale");

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  await buildLoadApp(root, join(logDir, "next-build.log"));
});

test.describe("SQLite, one instance", () => {
  let cluster: Cluster;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    cluster = await startCluster({ root, engine: "sqlite", instances: 1, logDir });
  });
  test.afterAll(async () => {
    await cluster?.stop();
  });

  test("100 parallel saves for one user, each on a different attribute: every value is in Authgear", async () => {
    test.setTimeout(120_000);
    const result = await parallelSaves(cluster, 100);
    expect(result.errorSamples).toEqual([]);
    expect(result.succeeded).toBe(100);
    expect(result.lostAttributes).toEqual([]);
  });

  test("50 parallel saves for one user while 20 users sign in, get their prompt and answer it: nothing lost", async () => {
    test.setTimeout(120_000);
    const [saves, users] = await Promise.all([parallelSaves(cluster, 50), signInPromptSave(cluster, 20, 5)]);
    expect(saves.errorSamples).toEqual([]);
    expect(saves.succeeded).toBe(50);
    expect(saves.lostAttributes).toEqual([]);
    expect(users.errorSamples).toEqual([]);
    expect(users.completed).toBe(20);
    // A new user's first prompt offers three questions (perLogin 3), all answered and all stored.
    expect(users.answersSubmitted).toBe(60);
    expect(users.lost).toBe(0);
  });
});

test.describe("PostgreSQL, two instances", () => {
  let database: LoadDatabase | null = null;
  let cluster: Cluster;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    database = await loadDatabase();
    if (!database) {
      const hint = await postgresInstallHint();
      // Under CI the check must run; elsewhere it says loudly why it did not.
      if (process.env.CI) throw new Error(`PostgreSQL server binaries not found, and CI is set. ${hint}`);
      console.warn(`!! e2e/scale.spec.ts: PostgreSQL server binaries not found: the multi-instance check is SKIPPED. ${hint}`);
      return;
    }
    cluster = await startCluster({ root, engine: "postgres", instances: 2, databaseUrl: database.url, logDir });
  });
  test.afterAll(async () => {
    await cluster?.stop();
    await database?.stop();
  });

  test("100 parallel saves for one user alternating between the instances, each on a different attribute: every value is in Authgear", async () => {
    test.skip(!database, "no PostgreSQL binaries (see the warning above)");
    test.setTimeout(120_000);
    const result = await parallelSaves(cluster, 100);
    expect(cluster.apps).toHaveLength(2);
    expect(result.errorSamples).toEqual([]);
    expect(result.succeeded).toBe(100);
    expect(result.lostAttributes).toEqual([]);
  });
});
