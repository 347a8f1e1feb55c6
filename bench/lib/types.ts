/**
 * The benchmark suite's vocabulary. A figure is one module in bench/figures/ registered in
 * bench/registry.ts; it measures something and returns rows, each a value with (where one exists)
 * the baseline it was measured against in the same run. bench/run.mjs prints and records them.
 */

/** Which direction is good for a value, so a reader knows how to read its ratio. */
export type Better = "higher" | "lower";

export interface Row {
  /** The figure's name (filled in by the runner when left out). */
  figure?: string;
  /** What was measured, e.g. "IPv4 lookups/s (with time zone)". */
  metric: string;
  /** Our value, or null when it could not be measured (say why in `note`). */
  value: number | null;
  unit: string;
  better?: Better;
  /** What the value is compared with, e.g. "geoip-lite 1.4.10". Absent when there is no baseline. */
  baseline?: string;
  baselineValue?: number | null;
  /** Caveats a reader needs (what is included, what was skipped and why). */
  note?: string;
}

export interface FigureContext {
  /** The repository root (the runner's working directory). */
  root: string;
  /** Where a figure may write raw data and logs (bench/results/<run id>/). */
  resultsDir: string;
  /** Progress for the person watching; not part of the table. A property: figures destructure it. */
  log: (message: string) => void;
}

export interface Figure {
  name: string;
  /** One line for `npm run bench -- --list`. */
  description: string;
  run(context: FigureContext): Promise<Row[]>;
}

/** value ÷ baseline, or null when either is missing or the baseline is 0. */
export function ratioOf(row: Pick<Row, "value" | "baselineValue">): number | null {
  if (row.value == null || row.baselineValue == null || row.baselineValue === 0) return null;
  return row.value / row.baselineValue;
}
