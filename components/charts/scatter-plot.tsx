'use client';

import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_TICK,
  ChartContainer,
  TOOLTIP_STYLE,
  colour,
  formatValue,
  type ChartSeries,
} from './chart-container';

/** Points as [input MB, duration s] pairs: a few hundred of them travel in the page's payload. */
export type ScatterSeriesData = ChartSeries & {
  readonly points: readonly (readonly [inputMb: number, durationSeconds: number])[];
};

/** Input size against duration, one colour per tier. */
export function ScatterPlot({ series }: { series: readonly ScatterSeriesData[] }) {
  return (
    <ChartContainer height={280}>
      <ScatterChart margin={{ left: 8, right: 16, bottom: 16 }}>
        <CartesianGrid stroke="var(--border)" />
        <XAxis
          type="number"
          dataKey="inputMb"
          name="input"
          tick={AXIS_TICK}
          tickFormatter={(v: number) => formatValue(v, 'mb')}
          label={{
            value: 'input size (MB)',
            position: 'insideBottom',
            offset: -12,
            fill: 'var(--muted)',
            fontSize: 12,
          }}
        />
        <YAxis
          type="number"
          dataKey="durationSeconds"
          name="duration"
          tick={AXIS_TICK}
          width={64}
          tickFormatter={(v: number) => formatValue(v, 'seconds')}
        />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(value, name) => [
            formatValue(value, name === 'input' ? 'mb' : 'seconds'),
            name,
          ]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
        {series.map((s) => (
          <Scatter
            key={s.key}
            name={s.label}
            data={s.points.map(([inputMb, durationSeconds]) => ({ inputMb, durationSeconds }))}
            fill={colour(s.colour)}
            fillOpacity={0.6}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ChartContainer>
  );
}
