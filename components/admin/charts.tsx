/**
 * Small SVG charts drawn by hand (no charting library: a few bars do not justify one in the
 * bundle). Each is an image with a title and a description for assistive technology; the numbers
 * themselves are always in a table next to it (the chart only repeats them).
 */
import { useId } from "react";

export interface Bar {
  label: string;
  value: number;
  /** What the bar's end says, e.g. "40%". */
  display: string;
}

const ROW = 28;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 70;
const WIDTH = 640;

/** Horizontal bars, one per row; `max` is the value of a full-width bar (default: the largest). */
export function BarChart({ title, description, bars, max }: { title: string; description: string; bars: Bar[]; max?: number }) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW + 8;
  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {bars.length === 0 ? (
          <text x={0} y={18} fontSize={13} fill="#475569">
            No data in this range
          </text>
        ) : null}
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          const w = top > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * plot) : 0;
          return (
            <g key={`${bar.label}-${i}`}>
              <text x={LABEL_WIDTH - 8} y={y + 15} fontSize={13} textAnchor="end" fill="#0f172a">
                {bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={plot} height={ROW - 10} fill="#f1f5f9" />
              <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 10} fill="#4338ca" />
              <text x={LABEL_WIDTH + plot + 8} y={y + 15} fontSize={13} fill="#0f172a">
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
}

/** Horizontal stacked bars (e.g. the funnel: answered, skipped, declined, no answer), with a legend. */
export function StackedBarChart({ title, description, series, rows }: { title: string; description: string; series: { name: string; color: string }[]; rows: StackedRow[] }) {
  const id = useId();
  const top = Math.max(0, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const legendHeight = 24;
  const height = legendHeight + Math.max(1, rows.length) * ROW + 8;
  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {series.map((s, i) => (
          <g key={s.name}>
            <rect x={LABEL_WIDTH + i * 110} y={4} width={12} height={12} fill={s.color} />
            <text x={LABEL_WIDTH + i * 110 + 18} y={14} fontSize={12} fill="#0f172a">
              {s.name}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const y = legendHeight + i * ROW + 4;
          const total = row.values.reduce((a, b) => a + b, 0);
          let x = LABEL_WIDTH;
          return (
            <g key={row.label}>
              <text x={LABEL_WIDTH - 8} y={y + 15} fontSize={13} textAnchor="end" fill="#0f172a">
                {row.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={plot} height={ROW - 10} fill="#f1f5f9" />
              {row.values.map((v, j) => {
                const w = top > 0 ? (v / top) * plot : 0;
                const rect = <rect key={j} x={x} y={y + 3} width={w} height={ROW - 10} fill={series[j]?.color ?? "#64748b"} />;
                x += w;
                return rect;
              })}
              <text x={LABEL_WIDTH + plot + 8} y={y + 15} fontSize={13} fill="#0f172a">
                {total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">{title}</figcaption>
    </figure>
  );
}
