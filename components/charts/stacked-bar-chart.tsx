'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_TICK,
  ChartContainer,
  TOOLTIP_STYLE,
  colour,
  formatTick,
  formatValue,
  type ChartConfig,
  type ValueUnit,
} from './chart-container';

/** Bars stacked by series, e.g. cost per day by tier. */
export function StackedBarChart({
  data,
  series,
  xKey,
  unit,
}: {
  data: readonly Record<string, string | number>[];
  series: ChartConfig;
  xKey: string;
  unit: ValueUnit;
}) {
  return (
    <ChartContainer>
      <BarChart data={data as Record<string, string | number>[]} margin={{ left: 8, right: 8 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey={xKey}
          tick={AXIS_TICK}
          tickFormatter={(day: string) => day.slice(5)}
          minTickGap={16}
        />
        <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => formatTick(v, unit)} width={72} />
        <Tooltip {...TOOLTIP_STYLE} formatter={(value) => formatValue(value, unit)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="total"
            fill={colour(s.colour)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
