/** The table: plain text for the terminal, Markdown for docs/performance.md. */
import type { Machine } from "./machine";
import { ratioOf, type Row } from "./types";

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value == null) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
}

export function formatRatio(row: Row): string {
  const r = ratioOf(row);
  if (r === null) return "–";
  const text = `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
  if (!row.better) return text;
  if (text === "1.00×") return `${text} (same)`;
  const good = row.better === "higher" ? r >= 1 : r <= 1;
  return `${text} ${good ? "(better)" : "(worse)"}`;
}

const HEADER = ["Figure", "Measure", "Ours", "Baseline", "Baseline value", "Ours ÷ baseline"];

function cells(row: Row): string[] {
  return [
    row.figure ?? "",
    row.metric,
    formatValue(row.value, row.unit),
    row.baseline ?? "–",
    row.baseline ? formatValue(row.baselineValue, row.unit) : "–",
    formatRatio(row),
  ];
}

export function textTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  return [line(HEADER), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|");

export function markdownTable(rows: readonly Row[]): string {
  const lines = [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${cells(row).map(md).join(" | ")} |`);
  const notes = rows.filter((r) => r.note).map((r) => `- **${md(r.figure ?? "")}: ${md(r.metric)}**: ${md(r.note as string)}`);
  return [...lines, "", ...notes].join("\n");
}

export function machineLine(m: Machine, loadAtEnd?: number): string {
  const load = loadAtEnd === undefined ? `${m.loadAverage} at the start` : `${m.loadAverage} at the start, ${loadAtEnd} at the end`;
  return `Node ${m.node} · ${m.cores} cores · ${m.cpuModel} · ${m.memoryGiB} GiB RAM · ${m.platform} · 1-min load average ${load}`;
}

export function markdownReport(rows: readonly Row[], m: Machine, startedAt: Date, elapsedS: number, figures: readonly string[], loadAtEnd: number): string {
  return [
    `Run ${startedAt.toISOString().replace(/\.\d+Z$/, "Z")} (\`npm run bench${figures.length ? ` -- ${figures.join(" ")}` : ""}\`, ${Math.round(elapsedS)} s in all).`,
    "",
    `Machine: ${machineLine(m, loadAtEnd)}.`,
    "",
    markdownTable(rows),
  ].join("\n");
}

/** Replaces the text between the two markers in `doc` (markers kept). */
export function replaceBetween(doc: string, start: string, end: string, content: string): string {
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < 0 || j < i) throw new Error(`markers ${start} … ${end} not found in order`);
  return `${doc.slice(0, i + start.length)}\n${content}\n${doc.slice(j)}`;
}
