import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { DailyPoint } from '@/lib/channels/types';
import { formatCompact, formatCount, formatDay } from './format';

/*
 * Charts, rendered on the server as SVG (d3-scale and d3-shape for the geometry): no chart
 * JavaScript is shipped. The plot stretches to its box (preserveAspectRatio="none", strokes that
 * do not scale); the labels are HTML around it, so text is never distorted and the chart fits
 * any width. Each chart is one image for assistive technology, named by a summary of its data.
 */

const WIDTH = 600;
const HEIGHT = 100;

type Metric = 'views' | 'likes' | 'forwards' | 'posts';

/** Bars for the period's days, and the previous period's days as a dashed line over them (day n against day n). */
export function DailyChart({ days, previousDays, metric = 'views', label }: { days: readonly DailyPoint[]; previousDays: readonly DailyPoint[]; metric?: Metric; label: string }) {
  const values = days.map((d) => d[metric]);
  const previous = previousDays.map((d) => d[metric]);
  const max = Math.max(1, ...values, ...previous);
  const x = scaleBand<number>()
    .domain(days.map((_, i) => i))
    .range([0, WIDTH])
    .paddingInner(days.length > 40 ? 0.15 : 0.25)
    .paddingOuter(0.1);
  const y = scaleLinear().domain([0, max]).nice(4).range([HEIGHT, 0]);
  const top = y.domain()[1]!;
  const previousPath = line<number>()
    .x((_, i) => (x(i) ?? 0) + x.bandwidth() / 2)
    .y((value) => y(value))(previous);
  const total = values.reduce((sum, v) => sum + v, 0);
  const peak = values.indexOf(Math.max(...values));
  const summary =
    total === 0
      ? `${label}: nothing recorded yet.`
      : `${label}: ${formatCount(total)} in total, the most (${formatCount(values[peak]!)}) on ${formatDay(days[peak]!.day)}; previous period ${formatCount(previous.reduce((s, v) => s + v, 0))}.`;
  const middle = days[Math.floor((days.length - 1) / 2)];
  return (
    <figure className="flex flex-col gap-1">
      <div className="relative h-40 pl-10">
        <div aria-hidden="true" className="absolute top-0 left-0 flex h-full w-9 flex-col justify-between text-right text-[0.6875rem] leading-none text-slate-600 tabular-nums">
          <span>{formatCompact(top)}</span>
          <span>{formatCompact(top / 2)}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary} className="h-full w-full overflow-visible">
          {[0, 0.5, 1].map((share) => (
            <line key={share} x1={0} x2={WIDTH} y1={y(top * share)} y2={y(top * share)} className="stroke-slate-200" strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          {values.map((value, i) => (
            <rect key={days[i]!.day} x={x(i)} y={y(value)} width={x.bandwidth()} height={Math.max(0, HEIGHT - y(value))} className="fill-brand-600" />
          ))}
          {previousPath && total + previous.length > 0 && (
            <path d={previousPath} fill="none" className="stroke-slate-600" strokeWidth={1.5} strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />
          )}
        </svg>
      </div>
      <div aria-hidden="true" className="flex justify-between pl-10 text-[0.6875rem] text-slate-600">
        <span>{days[0] ? formatDay(days[0].day) : ''}</span>
        <span>{middle ? formatDay(middle.day) : ''}</span>
        <span>{days.at(-1) ? formatDay(days.at(-1)!.day) : ''}</span>
      </div>
      <figcaption className="flex gap-4 pl-10 text-xs text-slate-600">
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-brand-600" /> This period
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed border-slate-600" /> Previous period
        </span>
      </figcaption>
    </figure>
  );
}

/** A small line of values (subscribers by day), named by `label`. */
export function Sparkline({ values, label, className }: { values: readonly number[]; label: string; className?: string }) {
  const width = 100;
  const height = 30;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([0, width]);
  const y = scaleLinear()
    .domain(min === max ? [min - 1, max + 1] : [min, max])
    .range([height - 2, 2]);
  const path = values.length > 1 ? line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))(values) : null;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label} className={className}>
      {path && <path d={path} fill="none" className="stroke-brand-700" strokeWidth={2} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
