/**
 * Small SVG charts drawn by hand (no charting library: a few bars do not justify one in the
 * bundle). Each is an image with a title and a description for assistive technology; the numbers
 * themselves are always in a table next to it (the chart only repeats them).
 *
 * Right to left (`dir="rtl"`), a chart mirrors like the page around it: the labels sit at the
 * right, the bars grow to the left, the legend reads from the right. SVG coordinates are physical,
 * so the mirroring is done here, once, by `placer`.
 */
import { useId } from "react";

export interface Bar {
  label: string;
  value: number;
  /** What the bar's end says, e.g. "40%". */
  display: string;
}

export type ChartDirection = "ltr" | "rtl";

const ROW = 28;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 70;
const WIDTH = 640;
const LEGEND_STEP = 110;

/**
 * The physical x of a box laid out in reading order: `start` is its distance from the start edge
 * (left in LTR, right in RTL), `width` its extent towards the end edge. Texts need no mirroring of
 * their anchor: the SVG's `direction` makes `text-anchor="start"` the reading start.
 */
export function placer(dir: ChartDirection) {
  return { x: (start: number, width = 0) => (dir === "rtl" ? WIDTH - start - width : start) };
}

interface ChartText {
  title: string;
  description: string;
  /** Shown inside the chart when it has no rows. */
  noData: string;
  dir?: ChartDirection;
}

/** Horizontal bars, one per row; `max` is the value of a full-width bar (default: the largest). */
export function BarChart({ title, description, noData, bars, max, dir = "ltr" }: ChartText & { bars: Bar[]; max?: number }) {
  const id = useId();
  const at = placer(dir);
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW + 8;
  return (
    <figure className="space-y-2">
      <svg direction={dir} role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {bars.length === 0 ? (
          <text x={at.x(0)} y={18} fontSize={13} textAnchor="start" fill="#475569">
            {noData}
          </text>
        ) : null}
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          const w = top > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * plot) : 0;
          return (
            <g key={`${bar.label}-${i}`}>
              <text x={at.x(LABEL_WIDTH - 8)} y={y + 15} fontSize={13} textAnchor="end" fill="#0f172a">
                {bar.label}
              </text>
              <rect x={at.x(LABEL_WIDTH, plot)} y={y + 3} width={plot} height={ROW - 10} fill="#f1f5f9" />
              <rect x={at.x(LABEL_WIDTH, w)} y={y + 3} width={w} height={ROW - 10} fill="#4338ca" />
              <text x={at.x(LABEL_WIDTH + plot + 8)} y={y + 15} fontSize={13} textAnchor="start" fill="#0f172a">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">{title}</figcaption>
    </figure>
  );
}

export interface StackedRow {
  label: string;
  /** One value per series, in series order. */
  values: number[];
  /** What the row's end says: its total, formatted. */
  display: string;
}

/** Horizontal stacked bars (e.g. the funnel: answered, skipped, declined, no answer), with a legend. */
export function StackedBarChart({ title, description, noData, series, rows, dir = "ltr" }: ChartText & { series: { name: string; color: string }[]; rows: StackedRow[] }) {
  const id = useId();
  const at = placer(dir);
  const top = Math.max(0, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const legendHeight = 24;
  const height = legendHeight + Math.max(1, rows.length) * ROW + 8;
  return (
    <figure className="space-y-2">
      <svg direction={dir} role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {series.map((s, i) => (
          <g key={s.name}>
            <rect x={at.x(LABEL_WIDTH + i * LEGEND_STEP, 12)} y={4} width={12} height={12} fill={s.color} />
            <text x={at.x(LABEL_WIDTH + i * LEGEND_STEP + 18)} y={14} fontSize={12} textAnchor="start" fill="#0f172a">
              {s.name}
            </text>
          </g>
        ))}
        {rows.length === 0 ? (
          <text x={at.x(0)} y={legendHeight + 18} fontSize={13} textAnchor="start" fill="#475569">
            {noData}
          </text>
        ) : null}
        {rows.map((row, i) => {
          const y = legendHeight + i * ROW + 4;
          let start = LABEL_WIDTH;
          return (
            <g key={row.label}>
              <text x={at.x(LABEL_WIDTH - 8)} y={y + 15} fontSize={13} textAnchor="end" fill="#0f172a">
                {row.label}
              </text>
              <rect x={at.x(LABEL_WIDTH, plot)} y={y + 3} width={plot} height={ROW - 10} fill="#f1f5f9" />
              {row.values.map((v, j) => {
                const w = top > 0 ? (v / top) * plot : 0;
                const rect = <rect key={j} x={at.x(start, w)} y={y + 3} width={w} height={ROW - 10} fill={series[j]?.color ?? "#64748b"} />;
                start += w;
                return rect;
              })}
              <text x={at.x(LABEL_WIDTH + plot + 8)} y={y + 15} fontSize={13} textAnchor="start" fill="#0f172a">
                {row.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">{title}</figcaption>
    </figure>
  );
}
