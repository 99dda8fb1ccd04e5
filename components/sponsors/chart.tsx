import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * A line chart drawn on the server as SVG (d3-scale for the axes, d3-shape for the lines): no
 * chart JavaScript reaches the browser. It keeps its proportions inside a box of the given height
 * (so nothing moves when it arrives); the numbers are also in a table for screen readers.
 */
export interface Series {
  label: string;
  /** A Tailwind stroke class, e.g. `stroke-brand-600`, and the legend's matching bg class. */
  stroke: string;
  swatch: string;
  values: number[];
}

const WIDTH = 640;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 40 };

export function LineChart({ id, labels, series, height, title }: { id: string; labels: string[]; series: Series[]; height: number; title: string }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(4);
  const path = line<number>()
    .x((_, i) => x(i) ?? 0)
    .y((value) => y(value));
  // At most ~8 labels on the axis.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" height={height} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]">
              {tick.toLocaleString('en')}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label + i} x={x(i)} y={height - 6} textAnchor="middle" className="fill-slate-600 text-[10px]">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <path key={s.label} d={path(s.values) ?? ''} fill="none" strokeWidth={2} className={s.stroke} />
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {series.map((s) => (
          <span key={s.label} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-0.5 w-4 ${s.swatch}`} />
            {s.label}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label + i}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Horizontal bars for a few labelled values (crops, tiers), as plain elements sized by a d3 scale. */
export function Bars({ rows, max }: { rows: { label: string; value: number; note?: string }[]; max?: number }) {
  const x = scaleLinear()
    .domain([0, Math.max(1, max ?? Math.max(...rows.map((row) => row.value)))])
    .range([0, 100]);
  return (
    <ul className="flex flex-col gap-1.5">
      {rows.map((row) => (
        <li key={row.label} className="grid grid-cols-[6rem_minmax(0,1fr)_7rem] items-center gap-2 text-sm">
          <span className="truncate">{row.label}</span>
          <span className="h-2.5 rounded-full bg-slate-100">
            <span className="block h-2.5 rounded-full bg-brand-600" style={{ width: `${x(row.value)}%` }} />
          </span>
          <span className="text-right tabular-nums text-slate-700">{row.note ?? row.value.toLocaleString('en')}</span>
        </li>
      ))}
    </ul>
  );
}
