import { scaleBand, scaleLinear } from 'd3-scale';
import { area, curveMonotoneX, line } from 'd3-shape';
import type { DailyLeads } from '@/lib/leads/types';

/*
 * Leads per day as an SVG drawn on the server (d3-scale for the axes, d3-shape for the line and
 * area): no chart JavaScript is shipped. Its size is fixed by its viewBox, so it takes the same
 * space as its skeleton.
 */
const WIDTH = 600;
const HEIGHT = 150;
const MARGIN = { top: 8, right: 8, bottom: 20, left: 30 };

const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function DailyLeadsChart({ daily, label }: { daily: DailyLeads[]; label: string }) {
  const max = Math.max(4, ...daily.map((d) => d.leads));
  const x = scaleBand<string>()
    .domain(daily.map((d) => d.day))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear().domain([0, max]).nice(4).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const centre = (day: string) => (x(day) ?? 0) + x.bandwidth() / 2;
  const path = line<DailyLeads>()
    .x((d) => centre(d.day))
    .y((d) => y(d.leads))
    .curve(curveMonotoneX)(daily);
  const fill = area<DailyLeads>()
    .x((d) => centre(d.day))
    .y0(y(0))
    .y1((d) => y(d.leads))
    .curve(curveMonotoneX)(daily);
  const total = daily.reduce((sum, d) => sum + d.leads, 0);
  const ticks = y.ticks(4);
  const labelled = daily.filter((_, index) => index % 7 === daily.length % 7 || index === daily.length - 1);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`${label}: ${total} leads, from ${daily[0]?.day ?? ''} to ${daily.at(-1)?.day ?? ''}`}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]">
            {tick}
          </text>
        </g>
      ))}
      {fill && <path d={fill} className="fill-brand-100" />}
      {path && <path d={path} className="fill-none stroke-brand-700" strokeWidth={2} />}
      {daily.map((d) => (
        <rect key={d.day} x={x(d.day)} y={MARGIN.top} width={x.bandwidth()} height={HEIGHT - MARGIN.top - MARGIN.bottom} className="fill-transparent">
          <title>{`${shortDay.format(new Date(`${d.day}T00:00:00Z`))}: ${d.leads} lead${d.leads === 1 ? '' : 's'}`}</title>
        </rect>
      ))}
      {labelled.map((d) => (
        <text key={d.day} x={centre(d.day)} y={HEIGHT - 4} textAnchor="middle" className="fill-slate-600 text-[10px]">
          {shortDay.format(new Date(`${d.day}T00:00:00Z`))}
        </text>
      ))}
    </svg>
  );
}
