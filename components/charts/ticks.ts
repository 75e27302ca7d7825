import { formatCount, formatSeconds, formatUsd } from '@/lib/format';

/** How a chart's values read; functions cannot cross from the server, so the unit names one. */
export type ValueUnit = 'usd' | 'count' | 'seconds' | 'mb';

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
