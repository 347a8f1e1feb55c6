#!/usr/bin/env node
/**
 * `npm run bench [-- <figure>… | --list | --update-docs]`
 * Runs the registered figures (bench/registry.ts) one after another, prints one table, and writes
 * the raw results to bench/results/ (git-ignored): <run id>.json, latest.json, latest.md, and each
 * figure's raw data under <run id>/. `--update-docs` (full runs only) also replaces the table in
 * docs/performance.md. The figures are TypeScript, loaded through tsx.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";

register();
const { figures } = await import("./registry.ts");
const { machine } = await import("./lib/machine.ts");
const { machineLine, markdownReport, replaceBetween, textTable } = await import("./lib/report.ts");

const DOCS_START = "<!-- bench:start -->";
const DOCS_END = "<!-- bench:end -->";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const names = args.filter((a) => !a.startsWith("--"));
for (const flag of flags) {
  if (flag !== "--list" && flag !== "--update-docs") {
    console.error(`bench: unknown option ${flag} (use a figure name, --list or --update-docs)`);
    process.exit(2);
  }
}
if (flags.has("--list")) {
  for (const f of figures) console.log(`${f.name.padEnd(10)} ${f.description}`);
  process.exit(0);
}
const unknown = names.filter((n) => !figures.some((f) => f.name === n));
if (unknown.length > 0) {
  console.error(`bench: no figure named ${unknown.join(", ")}; known: ${figures.map((f) => f.name).join(", ")}`);
  process.exit(2);
}
if (flags.has("--update-docs") && names.length > 0) {
  console.error("bench: --update-docs needs the full run (no figure names), so the docs table is complete");
  process.exit(2);
}
const selected = names.length > 0 ? figures.filter((f) => names.includes(f.name)) : figures;

const root = process.cwd();
const startedAt = new Date();
const runId = startedAt.toISOString().replace(/[:.]/g, "-");
const resultsRoot = join(root, "bench", "results");
const resultsDir = join(resultsRoot, runId);
await mkdir(resultsDir, { recursive: true });
const m = machine();
console.log(`bench: ${selected.map((f) => f.name).join(", ")} on ${machineLine(m)}`);

const t0 = performance.now();
const rows = [];
let failed = false;
for (const figure of selected) {
  const started = performance.now();
  try {
    const figureRows = await figure.run({ root, resultsDir, log: (message) => console.log(message) });
    for (const row of figureRows) rows.push({ figure: figure.name, ...row });
  } catch (error) {
    failed = true;
    console.error(`bench: ${figure.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    rows.push({ figure: figure.name, metric: "failed", value: null, unit: "", note: error instanceof Error ? error.message.split("\n")[0] : String(error) });
  }
  console.log(`bench: ${figure.name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const elapsedS = (performance.now() - t0) / 1000;
const loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;

console.log("");
console.log(textTable(rows));
for (const row of rows) if (row.note) console.log(`  · ${row.figure}: ${row.metric}: ${row.note}`);
console.log(`\nbench: ${elapsedS.toFixed(0)} s in all (1-min load average ${m.loadAverage} → ${loadAtEnd} on ${m.cores} cores); results in ${join("bench", "results", `${runId}.json`)}`);

const report = markdownReport(rows, m, startedAt, elapsedS, names, loadAtEnd);
const record = { startedAt: startedAt.toISOString(), elapsedS, machine: m, loadAtEnd, figures: selected.map((f) => f.name), rows };
await writeFile(join(resultsRoot, `${runId}.json`), `${JSON.stringify(record, null, 2)}\n`);
await writeFile(join(resultsRoot, "latest.json"), `${JSON.stringify(record, null, 2)}\n`);
await writeFile(join(resultsRoot, "latest.md"), `${report}\n`);
if (flags.has("--update-docs")) {
  const docsPath = join(root, "docs", "performance.md");
  const doc = await readFile(docsPath, "utf8");
  await writeFile(docsPath, replaceBetween(doc, DOCS_START, DOCS_END, report));
  console.log("bench: docs/performance.md updated");
}
process.exit(failed ? 1 : 0);
