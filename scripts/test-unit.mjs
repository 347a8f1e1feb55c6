#!/usr/bin/env node
// Runs every `*.test.ts` outside e2e/ with Node's own test runner, TypeScript loaded by tsx.
// `--conditions=react-server` lets server-only modules (which import "server-only") load in tests.
// The state store's suites run on SQLite and on PostgreSQL: unless TEST_DATABASE_URL is set, a
// throw-away PostgreSQL server is started for the run (scripts/postgres.mjs) and removed after.
// Without PostgreSQL's binaries: under CI (CI set) the run fails, elsewhere it warns loudly and
// the PostgreSQL suites are skipped.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { findPostgresBinaries, INSTALL_HINT, startThrowawayPostgres } from "./postgres.mjs";

const root = process.cwd();
const skip = new Set(["node_modules", ".next", ".git", ".data", "e2e", "test-results"]);

function find(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(path));
    else if (entry.name.endsWith(".test.ts")) out.push(relative(root, path));
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find(root).sort();
if (files.length === 0) {
  console.error("test-unit: no *.test.ts files found");
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: "test" };
let postgres = null;
let skippedWarning = null;
if (!env.TEST_DATABASE_URL) {
  const bin = findPostgresBinaries();
  if (bin) {
    postgres = await startThrowawayPostgres({ bin });
    env.TEST_DATABASE_URL = postgres.url;
    console.log(`test-unit: throw-away PostgreSQL for this run at ${postgres.url}`);
  } else if (process.env.CI) {
    console.error(`test-unit: PostgreSQL server binaries (initdb, postgres) not found, and CI is set: the state store must be tested on PostgreSQL too.\n  ${INSTALL_HINT}`);
    process.exit(1);
  } else {
    skippedWarning = `${"!".repeat(100)}\n!! test-unit: PostgreSQL server binaries not found: the PostgreSQL state-store suites are SKIPPED.\n!! ${INSTALL_HINT}\n!! or point TEST_DATABASE_URL at an empty database you may create schemas in.\n${"!".repeat(100)}`;
    console.warn(skippedWarning);
  }
}
if (postgres) process.on("exit", postgres.stopSync); // last resort; the normal path awaits stop()

const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  env,
});
// Ctrl-C reaches the test run (same process group) by itself; wait for it, then remove the server.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
const status = await new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
if (postgres) await postgres.stop();
if (skippedWarning) console.warn(skippedWarning); // again, below the test output
process.exit(status);
