/**
 * Monitoring TimeSeries → plain points. A bad point (NaN, negative, missing interval) is dropped
 * with a DataWarning rather than failing the read: a chart with one gap beats no chart.
 * Monitoring returns points newest first; these return them oldest first.
 */
import type { protos } from '@google-cloud/monitoring';
import type { DataWarning, DistributionPoint, NumericPoint } from '@/lib/domain/records';
import { numberOf, timestampMs } from './proto-values';

export type ProtoTimeSeries = protos.google.monitoring.v3.ITimeSeries;
type ProtoPoint = protos.google.monitoring.v3.IPoint;
type BucketOptions = protos.google.api.Distribution.IBucketOptions;

/** Identity of a series: its metric type and every metric and resource label. */
export function seriesKey(series: ProtoTimeSeries): string {
  const sorted = (labels: Record<string, string> | null | undefined) =>
    Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([
    series.metric?.type ?? '',
    sorted(series.metric?.labels),
    sorted(series.resource?.labels),
  ]);
}

/** Monitoring pages count points, so one series can continue on the next page: join them. */
export function mergeSeries(pages: readonly ProtoTimeSeries[]): ProtoTimeSeries[] {
  const byKey = new Map<string, ProtoTimeSeries>();
  for (const series of pages) {
    const key = seriesKey(series);
    const seen = byKey.get(key);
    if (seen) seen.points = [...(seen.points ?? []), ...(series.points ?? [])];
    else byKey.set(key, { ...series, points: [...(series.points ?? [])] });
  }
  return [...byKey.values()];
}

export function seriesLabel(series: ProtoTimeSeries, name: string): string | undefined {
  return series.metric?.labels?.[name] ?? series.resource?.labels?.[name] ?? undefined;
}

function describe(series: ProtoTimeSeries): string {
  const job = seriesLabel(series, 'job_name');
  return `${series.metric?.type ?? 'a time series'}${job ? ` of job ${job}` : ''}`;
}

function interval(
  point: ProtoPoint,
  resource: string,
): { startMs: number; endMs: number } | string {
  try {
    const endMs = timestampMs(point.interval?.endTime, resource, 'interval.endTime');
    if (endMs === undefined) return 'has no end time';
    const startMs = timestampMs(point.interval?.startTime, resource, 'interval.startTime') ?? endMs;
    return startMs > endMs ? 'starts after it ends' : { startMs, endMs };
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Finite bucket boundaries from google.api.Distribution.BucketOptions. */
export function bucketBounds(options: BucketOptions | null | undefined): number[] {
  if (options?.explicitBuckets) return [...(options.explicitBuckets.bounds ?? [])];
  const exponential = options?.exponentialBuckets;
  if (exponential) {
    const n = exponential.numFiniteBuckets ?? 0;
    return Array.from(
      { length: n + 1 },
      (_, i) => (exponential.scale ?? 1) * (exponential.growthFactor ?? 1) ** i,
    );
  }
  const linear = options?.linearBuckets;
  if (linear) {
    const n = linear.numFiniteBuckets ?? 0;
    return Array.from({ length: n + 1 }, (_, i) => (linear.offset ?? 0) + (linear.width ?? 0) * i);
  }
  return [];
}

/**
 * The bounds of a layout, worked out once per read: a month of per-minute points shares one or two
 * layouts, and every point holding its own copy of a hundred bounds cost more than the points.
 */
function boundsOf(
  options: BucketOptions | null | undefined,
  known: Map<string, readonly number[]>,
): readonly number[] {
  const { explicitBuckets: explicit, exponentialBuckets: exp, linearBuckets: lin } = options ?? {};
  const key = explicit
    ? `explicit:${(explicit.bounds ?? []).join(',')}`
    : exp
      ? `exponential:${exp.numFiniteBuckets}:${exp.growthFactor}:${exp.scale}`
      : lin
        ? `linear:${lin.numFiniteBuckets}:${lin.width}:${lin.offset}`
        : 'none';
  let bounds = known.get(key);
  if (!bounds) {
    bounds = Object.freeze(bucketBounds(options));
    known.set(key, bounds);
  }
  return bounds;
}

function nonNegative(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0;
}

function distribution(
  point: ProtoPoint,
  known: Map<string, readonly number[]>,
): Omit<DistributionPoint, 'startMs' | 'endMs'> | string {
  const value = point.value?.distributionValue;
  if (!value) return 'is not a distribution';
  const count = numberOf(value.count) ?? 0;
  if (!nonNegative(count)) return `has count ${String(value.count)}`;
  const mean = value.mean ?? 0;
  if (!Number.isFinite(mean)) return `has mean ${mean}`;
  const bounds = boundsOf(value.bucketOptions, known);
  const counts = (value.bucketCounts ?? []).map((c) => numberOf(c) ?? 0);
  if (!counts.every(nonNegative)) return 'has a negative or non-numeric bucket count';
  if (counts.length > bounds.length + 1) return 'has more bucket counts than buckets';
  // Google may omit trailing empty buckets.
  const padded = [...counts, ...Array<number>(bounds.length + 1 - counts.length).fill(0)];
  const sumOfSquaredDeviation = value.sumOfSquaredDeviation ?? 0;
  return { count, mean, sumOfSquaredDeviation, bucketBounds: bounds, bucketCounts: padded };
}

function collect<T extends { endMs: number }>(
  series: ProtoTimeSeries,
  warnings: DataWarning[],
  read: (point: ProtoPoint) => Omit<T, 'startMs' | 'endMs'> | string,
): T[] {
  const resource = describe(series);
  const points: T[] = [];
  for (const point of series.points ?? []) {
    const when = interval(point, resource);
    const value = typeof when === 'string' ? when : read(point);
    if (typeof when === 'string' || typeof value === 'string') {
      warnings.push({
        resource,
        field: 'points',
        problem: `a point ${value as string}; it was left out`,
      });
      continue;
    }
    points.push({ ...when, ...value } as unknown as T);
  }
  return points.sort((a, b) => a.endMs - b.endMs);
}

export function distributionPoints(
  series: ProtoTimeSeries,
  warnings: DataWarning[],
): DistributionPoint[] {
  const known = new Map<string, readonly number[]>();
  return collect<DistributionPoint>(series, warnings, (point) => distribution(point, known));
}

type TypedValue = protos.google.monitoring.v3.ITypedValue;

/** The number a TypedValue holds; the oneof name (set by google-gax) decides when present. */
function numericValue(typed: TypedValue | null | undefined): number | undefined {
  if (!typed) return undefined;
  const which = (typed as { value?: unknown }).value;
  const distributionTotal = () =>
    (numberOf(typed.distributionValue?.count) ?? 0) * (typed.distributionValue?.mean ?? 0);
  if (which === 'doubleValue') return typed.doubleValue ?? undefined;
  if (which === 'int64Value') return numberOf(typed.int64Value);
  if (which === 'distributionValue' || typed.distributionValue) return distributionTotal();
  return typed.doubleValue ?? numberOf(typed.int64Value);
}

/** The largest value a point stands for: a distribution's max when Google keeps its range. */
function peakValue(typed: TypedValue | null | undefined): number | undefined {
  const distribution = typed?.distributionValue;
  if (distribution) return distribution.range?.max ?? distribution.mean ?? undefined;
  return numericValue(typed);
}

function numberPoints(
  series: ProtoTimeSeries,
  warnings: DataWarning[],
  read: (typed: TypedValue | null | undefined) => number | undefined,
): NumericPoint[] {
  return collect<NumericPoint>(series, warnings, (point) => {
    const value = read(point.value);
    if (value === undefined) return 'has no numeric value';
    return nonNegative(value) ? { value } : `has value ${value}`;
  });
}

/** DOUBLE or INT64 points, or a distribution's mean × count; negative or NaN values are dropped. */
export function numericPoints(series: ProtoTimeSeries, warnings: DataWarning[]): NumericPoint[] {
  return numberPoints(series, warnings, numericValue);
}

/** Per point the largest value it stands for (a distribution's range max, else its mean). */
export function peakPoints(series: ProtoTimeSeries, warnings: DataWarning[]): NumericPoint[] {
  return numberPoints(series, warnings, peakValue);
}
