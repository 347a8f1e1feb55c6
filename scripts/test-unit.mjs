#!/usr/bin/env node
// Runs every `*.test.ts` outside e2e/ with Node's own test runner, TypeScript loaded by tsx.
// `--conditions=react-server` lets server-only modules (which import "server-only") load in tests.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

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
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "--test", "--test-concurrency=2", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(result.status ?? 1);
