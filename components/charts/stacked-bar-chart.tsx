'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
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

/** A vertical line at one x value, labelled and linked, e.g. the day a change was applied. */
export type ChartMarker = {
  readonly x: string;
  readonly label: string;
  readonly href: string;
  readonly tone: 'ok' | 'danger' | 'muted';
};

const TONE_COLOUR = { ok: '--ok', danger: '--danger', muted: '--muted' } as const;

function markerLabel(marker: ChartMarker, index: number) {
  return function MarkerLabel({ viewBox }: { viewBox?: { x?: number; y?: number } }) {
    const x = (viewBox?.x ?? 0) + 4;
    const y = (viewBox?.y ?? 0) + 12 + (index % 3) * 14;
    return (
      <a href={marker.href}>
        <text x={x} y={y} fontSize={11} fill={colour(TONE_COLOUR[marker.tone])}>
          {marker.label}
        </text>
      </a>
    );
  };
}

/** Bars stacked by series, e.g. cost per day by tier; markers drawn over them. */
export function StackedBarChart({
  data,
  series,
  xKey,
  unit,
  markers = [],
}: {
  data: readonly Record<string, string | number>[];
  series: ChartConfig;
  xKey: string;
  unit: ValueUnit;
  markers?: readonly ChartMarker[];
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
        {markers.map((marker, index) => (
          <ReferenceLine
            key={`${marker.x}-${marker.href}`}
            x={marker.x}
            stroke={colour(TONE_COLOUR[marker.tone])}
            strokeDasharray="4 3"
            label={markerLabel(marker, index)}
          />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
