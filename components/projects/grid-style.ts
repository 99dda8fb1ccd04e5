import type { CSSProperties } from 'react';

/*
 * The dashboard grid's classes, shared by the view (dashboard-grid.tsx) and the builder
 * (builder.tsx): 12 columns (one on small screens), rows of 4rem, 1rem gaps. A component spans
 * its width in columns and its height in rows (CSS variables --w and --h).
 */
export const GRID = 'grid grid-cols-1 gap-4 auto-rows-[4rem] md:grid-cols-12';
export const FRAME = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm overflow-hidden';
export const SPAN = 'md:[grid-column:span_var(--w)/span_var(--w)] [grid-row:span_var(--h)/span_var(--h)]';

export const spanStyle = (width: number, height: number) => ({ '--w': width, '--h': height }) as CSSProperties;
