'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, ChartContainer, TOOLTIP_STYLE, colour } from './chart-container';

export type HistogramBarData = { readonly bin: string; readonly count: number };
export type HistogramMark = {
  readonly at: string;
  readonly label: string;
  readonly kind: 'current' | 'recommended';
  readonly side: 'left' | 'right';
};

const MARK_COLOUR = { current: 'var(--danger)', recommended: 'var(--ok)' } as const;

/** Executions per bin, with the current and recommended limits as labelled vertical lines. */
export function HistogramChart({
  bars,
  marks,
  seriesColour,
  xLabel,
}: {
  bars: readonly HistogramBarData[];
  marks: readonly HistogramMark[];
  seriesColour: string;
  xLabel: string;
}) {
  return (
    <ChartContainer height={200}>
      <BarChart
        data={bars as HistogramBarData[]}
        margin={{ left: 8, right: 16, top: 24, bottom: 16 }}
        barCategoryGap={1}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="bin"
          tick={AXIS_TICK}
          interval="preserveStartEnd"
          minTickGap={24}
          label={{
            value: xLabel,
            position: 'insideBottom',
            offset: -12,
            fill: 'var(--muted)',
            fontSize: 12,
          }}
        />
        <YAxis tick={AXIS_TICK} allowDecimals={false} width={48} />
        <Tooltip {...TOOLTIP_STYLE} formatter={(value) => [value, 'executions']} />
        <Bar
          dataKey="count"
          name="executions"
          fill={colour(seriesColour)}
          isAnimationActive={false}
        />
        {marks.map((mark, index) => (
          <ReferenceLine
            key={`${mark.kind}-${mark.at}`}
            x={mark.at}
            stroke={MARK_COLOUR[mark.kind]}
            strokeDasharray={mark.kind === 'recommended' ? '4 3' : undefined}
            strokeWidth={2}
            label={{
              value: mark.label,
              // insideTopRight ends the text at the line (it reads leftwards); insideTopLeft starts it
              // there. A second label sits a line lower, so two marks in one bin stay readable.
              position: mark.side === 'left' ? 'insideTopRight' : 'insideTopLeft',
              dy: index * 13,
              fill: MARK_COLOUR[mark.kind],
              fontSize: 11,
            }}
          />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
