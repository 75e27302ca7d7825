'use client';

import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  AXIS_TICK,
  ChartContainer,
  TOOLTIP_STYLE,
  formatTick,
  formatValue,
} from './chart-container';

export type CurvePointData = {
  readonly vcpu: number;
  readonly monthlyCostUsd: number;
  readonly p95Seconds: number;
  readonly recommended: boolean;
  readonly current: boolean;
};

/** Projected monthly cost and p95 duration at each valid vCPU, the recommended one marked. */
export function CostCurveChart({ points }: { points: readonly CurvePointData[] }) {
  const recommended = points.find((p) => p.recommended);
  const current = points.find((p) => p.current);
  return (
    <ChartContainer height={220}>
      <ComposedChart data={points as CurvePointData[]} margin={{ left: 8, right: 8, top: 20 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="vcpu" tick={AXIS_TICK} tickFormatter={(v: number) => `${v} vCPU`} />
        <YAxis
          yAxisId="cost"
          tick={AXIS_TICK}
          width={72}
          tickFormatter={(v: number) => formatTick(v, 'usd')}
        />
        <YAxis
          yAxisId="time"
          orientation="right"
          tick={AXIS_TICK}
          width={64}
          tickFormatter={(v: number) => formatValue(v, 'seconds')}
        />
        <Tooltip
          {...TOOLTIP_STYLE}
          labelFormatter={(v) => `${String(v)} vCPU`}
          formatter={(value, name) => [
            formatValue(value, name === 'p95 duration' ? 'seconds' : 'usd'),
            name,
          ]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          yAxisId="cost"
          dataKey="monthlyCostUsd"
          name="monthly cost"
          stroke="var(--chart-1)"
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          yAxisId="time"
          dataKey="p95Seconds"
          name="p95 duration"
          stroke="var(--chart-3)"
          strokeWidth={2}
          strokeDasharray="5 3"
          isAnimationActive={false}
        />
        {current && current !== recommended ? (
          <ReferenceLine
            yAxisId="cost"
            x={current.vcpu}
            stroke="var(--danger)"
            label={{ value: 'today', position: 'top', fill: 'var(--danger)', fontSize: 11 }}
          />
        ) : null}
        {recommended ? (
          <ReferenceLine
            yAxisId="cost"
            x={recommended.vcpu}
            stroke="var(--ok)"
            strokeWidth={2}
            label={{ value: 'recommended', position: 'top', fill: 'var(--ok)', fontSize: 11 }}
          />
        ) : null}
      </ComposedChart>
    </ChartContainer>
  );
}
