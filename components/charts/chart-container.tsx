'use client';

import { ResponsiveContainer } from 'recharts';
import { formatTick, formatValue, type ValueUnit } from './ticks';

export { formatTick, formatValue, type ValueUnit };

/** Series declared once per chart: key in the data, label for people, colour as a CSS variable. */
export type ChartSeries = { readonly key: string; readonly label: string; readonly colour: string };
export type ChartConfig = readonly ChartSeries[];

export function colour(variable: string): string {
  return `var(${variable})`;
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
