import { formatTick, formatValue, type ValueUnit } from './ticks';

/**
 * Bars stacked by series, drawn as plain SVG on the server: on screen with the first paint, no
 * chart library to download or run (Recharts' first draw was the overview's one long task). Each
 * segment names its day, series and value on hover; the figure's table view has every number.
 */
export type SvgSeries = { readonly key: string; readonly label: string; readonly colour: string };

const WIDTH = 640;
const PLOT_TOP = 8;
const PLOT_LEFT = 56;
const PLOT_RIGHT = 8;
const AXIS_HEIGHT = 22;
const TICKS = 4;

/** A round step so that TICKS steps cover `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(max: number, ticks = TICKS): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw)! * power;
  return step;
}

export function SvgStackedBars({
  data,
  series,
  xKey,
  unit,
  label,
  height = 240,
}: {
  data: readonly Record<string, string | number>[];
  series: readonly SvgSeries[];
  xKey: string;
  unit: ValueUnit;
  /** What the picture shows, for screen readers (the table view has the figures). */
  label: string;
  height?: number;
}) {
  const plotBottom = height - AXIS_HEIGHT;
  const plotWidth = WIDTH - PLOT_LEFT - PLOT_RIGHT;
  const totals = data.map((row) => series.reduce((sum, s) => sum + Number(row[s.key] ?? 0), 0));
  const step = niceStep(Math.max(0, ...totals));
  const top = step * Math.max(1, Math.ceil(Math.max(0, ...totals) / step));
  const y = (value: number) => plotBottom - ((plotBottom - PLOT_TOP) * value) / top;
  const slot = data.length > 0 ? plotWidth / data.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.8);
  // About one label per 48 px, as the axis would show without overlapping.
  const labelEvery = Math.max(1, Math.ceil(48 / slot));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return (
    <div className="w-full tabular-nums">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="block h-auto w-full"
        role="img"
        aria-label={label}
        data-chart="stacked-bars"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PLOT_LEFT}
              x2={WIDTH - PLOT_RIGHT}
              y1={y(tick)}
              y2={y(tick)}
              stroke="var(--border)"
            />
            <text
              x={PLOT_LEFT - 6}
              y={y(tick)}
              dy="0.32em"
              textAnchor="end"
              fontSize={12}
              fill="var(--muted)"
            >
              {formatTick(tick, unit)}
            </text>
          </g>
        ))}
        {data.map((row, index) => {
          const x = PLOT_LEFT + index * slot + (slot - barWidth) / 2;
          const day = String(row[xKey]);
          let base = 0;
          return (
            <g key={day}>
              {series.map((s) => {
                const value = Number(row[s.key] ?? 0);
                if (!(value > 0)) return null;
                const y1 = y(base + value);
                const y0 = y(base);
                base += value;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    y={y1}
                    width={barWidth}
                    height={Math.max(0, y0 - y1)}
                    fill={`var(${s.colour})`}
                    data-chart-bar={s.key}
                    className="hover:opacity-80"
                  >
                    <title>{`${day} · ${s.label}: ${formatValue(value, unit)}`}</title>
                  </rect>
                );
              })}
              {index % labelEvery === 0 ? (
                <text
                  x={x + barWidth / 2}
                  y={height - 6}
                  textAnchor="middle"
                  fontSize={12}
                  fill="var(--muted)"
                >
                  {day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" data-chart-legend="">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-2.5 w-2.5 rounded-sm"
              style={{ background: `var(${s.colour})` }}
            />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
