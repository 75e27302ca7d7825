'use client';

import { ResponsiveContainer } from 'recharts';
import { formatCount, formatSeconds, formatUsd } from '@/lib/format';

/** Series declared once per chart: key in the data, label for people, colour as a CSS variable. */
export type ChartSeries = { readonly key: string; readonly label: string; readonly colour: string };
export type ChartConfig = readonly ChartSeries[];
/** How a chart's values read; functions cannot cross from the server, so the unit names one. */
export type ValueUnit = 'usd' | 'count' | 'seconds' | 'mb';

export function colour(variable: string): string {
  return `var(${variable})`;
}

export function formatValue(value: unknown, unit: ValueUnit): string {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return '—';
  if (unit === 'usd') return formatUsd(number);
  if (unit === 'seconds') return formatSeconds(number);
  if (unit === 'mb') return `${formatCount(number)} MB`;
  return formatCount(number);
}

/** Axis ticks: short, so they never wrap; tooltips and tables keep the full precision. */
export function formatTick(value: number, unit: ValueUnit): string {
  if (unit === 'usd')
    return value >= 10 || value === 0
      ? `$${Math.round(value)}`
      : `$${Number(value.toPrecision(2))}`;
  return formatValue(value, unit);
}

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 } as const;
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: 'var(--background)',
    border: '1px solid var(--border)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--foreground)' },
} as const;

/** The one frame every chart draws in: full width, fixed height, numbers in tabular figures. */
export function ChartContainer({
  height = 240,
  children,
}: {
  height?: number;
  children: React.ReactElement;
}) {
  return (
    <div className="w-full tabular-nums" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
