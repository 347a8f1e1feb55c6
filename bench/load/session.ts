/**
 * The load figures' processes, run by bench/figures/multi-instance.ts and bench/figures/load.ts
 * while holding the build lock (bench/lib/build-lock.ts):
 *   node --conditions=react-server --import tsx bench/load/session.ts --figure multi-instance|load --out <file> --logs <dir>
 * Builds the load app (unless built from the same sources), starts a SQLite cluster (one instance)
 * and a PostgreSQL cluster (two instances, a throw-away server) side by side, runs the scenario
 * on both in alternating rounds, and stops everything it started before it exits.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { argValue } from "../lib/child";
import { buildLoadApp, startCluster, type Cluster } from "./cluster";
import { loadDatabase, type LoadDatabase } from "./postgres";
import { parallelSaves, signInPromptSave } from "./scenarios";
import { LOAD_CONCURRENCY, LOAD_USERS, PARALLEL_ROUNDS, PARALLEL_SUBMISSIONS, type SessionResult } from "./settings";

const clusters: Cluster[] = [];
let database: LoadDatabase | null = null;
const stopAll = async () => {
  await Promise.all(clusters.map((c) => c.stop()));
  await database?.stop();
};

async function main(figure: string, out: string, logDir: string): Promise<void> {
  const root = process.cwd();
  const { buildS } = await buildLoadApp(root, join(logDir, "load-next-build.log"));
  console.log(buildS > 0 ? `load build: ${Math.round(buildS)} s` : "load build: up to date");
  const sqlite = await startCluster({ root, engine: "sqlite", instances: 1, logDir });
  clusters.push(sqlite);
  database = await loadDatabase();
  const postgres = database ? await startCluster({ root, engine: "postgres", instances: 2, databaseUrl: database.url, logDir }) : null;
  if (postgres) clusters.push(postgres);
  const result: SessionResult = { buildS, postgres: postgres !== null };

  if (figure === "multi-instance") {
    // A warm-up save on each, so no round pays for the first compile of a route.
    await parallelSaves(sqlite, 5);
    if (postgres) await parallelSaves(postgres, 5);
    result.parallel = { sqlite: [], postgres: [] };
    for (let round = 0; round < PARALLEL_ROUNDS; round++) {
      result.parallel.sqlite.push(await parallelSaves(sqlite, PARALLEL_SUBMISSIONS));
      if (postgres) result.parallel.postgres.push(await parallelSaves(postgres, PARALLEL_SUBMISSIONS));
      console.log(`round ${round + 1}/${PARALLEL_ROUNDS} done`);
    }
  } else if (figure === "load") {
    await signInPromptSave(sqlite, 5, 5);
    if (postgres) await signInPromptSave(postgres, 5, 5);
    const onSqlite = await signInPromptSave(sqlite, LOAD_USERS, LOAD_CONCURRENCY);
    console.log("load on SQLite done");
    const onPostgres = postgres ? await signInPromptSave(postgres, LOAD_USERS, LOAD_CONCURRENCY) : null;
    result.load = { sqlite: onSqlite, postgres: onPostgres };
  } else {
    throw new Error(`unknown --figure ${figure}`);
  }
  await writeFile(join(logDir, `${figure}-raw.json`), JSON.stringify(result, null, 2));
  await writeFile(out, JSON.stringify(result));
}

const argv = process.argv.slice(2);
const out = argValue(argv, "--out");
const logDir = argValue(argv, "--logs");
const figure = argValue(argv, "--figure");
if (!out || !logDir || !figure) throw new Error("session: --figure, --out <file> and --logs <dir> are required");
process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));
process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
try {
  await main(figure, out, logDir);
} finally {
  await stopAll();
}
