import type { SimDistribution, SimMetricKind, SimPoint, SimSeries } from '../world/types';
import {
  AggregationError,
  alignedShape,
  percentOf,
  reducedShape,
  type Aligner,
  type GroupByField,
  type Reducer,
} from './aggregation-rules';
import { distributionPercentile, mergeDistributions, valuesPercentile } from './distribution';

/** A series as the response carries it: the same identity, points newest first. */
export type ResultSeries = Omit<SimSeries, 'points'> & { readonly points: readonly SimPoint[] };

type Value = number | SimDistribution;

/**
 * Points whose end time lies in the read interval: (start, end] for DELTA and CUMULATIVE, whose
 * points cover a span, and [start, end] for GAUGE; start === end reads the instant `end`.
 */
export function clipPoints(
  points: readonly SimPoint[],
  kind: SimMetricKind,
  startMs: number,
  endMs: number,
): SimPoint[] {
  const closedStart = kind === 'GAUGE' || startMs === endMs;
  return points.filter(
    (p) => p.endMs <= endMs && (closedStart ? p.endMs >= startMs : p.endMs > startMs),
  );
}

function isDistributions(values: readonly Value[]): values is readonly SimDistribution[] {
  return typeof values[0] === 'object';
}

function sum(values: readonly Value[]): Value {
  if (isDistributions(values)) return mergeDistributions(values);
  return (values as number[]).reduce((a, b) => a + b, 0);
}

function numbers(values: readonly Value[]): number[] {
  return values as number[];
}

/** One aligned or reduced value from the values of one period; undefined means no point. */
function summarise(op: Aligner | Reducer, values: readonly Value[]): Value | undefined {
  const percent = percentOf(op);
  if (percent !== undefined) {
    return isDistributions(values)
      ? distributionPercentile(mergeDistributions(values), percent)
      : valuesPercentile(numbers(values), percent);
  }
  switch (op) {
    case 'ALIGN_DELTA':
    case 'ALIGN_SUM':
    case 'REDUCE_SUM':
      return sum(values);
    case 'ALIGN_MEAN':
    case 'REDUCE_MEAN': {
      if (!isDistributions(values))
        return numbers(values).reduce((a, b) => a + b, 0) / values.length;
      const merged = mergeDistributions(values);
      return merged.count > 0 ? merged.mean : undefined;
    }
    case 'ALIGN_MAX':
    case 'REDUCE_MAX':
      return Math.max(...numbers(values));
    case 'ALIGN_MIN':
    case 'REDUCE_MIN':
      return Math.min(...numbers(values));
    case 'ALIGN_COUNT':
    case 'REDUCE_COUNT':
      return values.length;
    default:
      throw new Error(`${op} has no summary`);
  }
}

/** A CUMULATIVE series as the changes between its points; a new start time means a reset. */
function cumulativeToDelta(points: readonly SimPoint[]): SimPoint[] {
  return points.map((p, i) => {
    if (typeof p.value === 'object') {
      throw new AggregationError('the emulator cannot align CUMULATIVE distributions');
    }
    const previous = points[i - 1];
    const continues = previous && previous.startMs === p.startMs;
    const value = continues ? (p.value as number) - (previous.value as number) : p.value;
    return { startMs: continues ? previous.endMs : p.startMs, endMs: p.endMs, value };
  });
}

/**
 * Aligns one series (points oldest first, already clipped to the interval) into periods that end
 * at `endMs`, `endMs - period`, …: a point belongs to the period (end - (k+1)·period, end - k·period]
 * holding its end time. Returns points newest first.
 */
export function alignSeries(
  series: ResultSeries,
  aligner: Aligner,
  periodMs: number,
  endMs: number,
): ResultSeries {
  if (aligner === 'ALIGN_NONE') return { ...series, points: [...series.points].reverse() };
  const shape = alignedShape(aligner, series);
  const source =
    series.metricKind === 'CUMULATIVE' ? cumulativeToDelta(series.points) : series.points;
  const points: SimPoint[] = [];
  let i = source.length - 1;
  while (i >= 0) {
    const k = Math.floor((endMs - (source[i] as SimPoint).endMs) / periodMs);
    const values: Value[] = [];
    for (; i >= 0 && Math.floor((endMs - (source[i] as SimPoint).endMs) / periodMs) === k; i--) {
      values.push((source[i] as SimPoint).value);
    }
    const value = summarise(aligner, values.reverse());
    if (value === undefined) continue;
    const periodEndMs = endMs - k * periodMs;
    const startMs = shape.metricKind === 'GAUGE' ? periodEndMs : periodEndMs - periodMs;
    points.push({ startMs, endMs: periodEndMs, value });
  }
  const filled = aligner === 'ALIGN_DELTA' ? interpolateGaps(points, periodMs) : points;
  return { ...series, ...shape, points: filled };
}

/**
 * ALIGN_DELTA: "If the selected alignment period results in periods with no data, then the
 * aligned value for such a period is created by interpolation" (google/monitoring/v3/common.proto).
 * Between two periods with data the emulator interpolates numbers linearly and repeats the earlier
 * distribution (Google does not say how it interpolates one). Points are newest first.
 */
function interpolateGaps(points: readonly SimPoint[], periodMs: number): SimPoint[] {
  const out: SimPoint[] = [];
  points.forEach((newer, i) => {
    out.push(newer);
    const older = points[i + 1];
    if (!older) return;
    const steps = Math.round((newer.endMs - older.endMs) / periodMs);
    for (let k = 1; k < steps; k += 1) {
      const endMs = newer.endMs - k * periodMs;
      const value =
        typeof newer.value === 'number' && typeof older.value === 'number'
          ? older.value + ((newer.value - older.value) * (steps - k)) / steps
          : older.value;
      out.push({ startMs: endMs - periodMs, endMs, value });
    }
  });
  return out;
}

function pickLabels(
  labels: Readonly<Record<string, string>>,
  keys: readonly string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = labels[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

function reduceGroup(members: readonly ResultSeries[], reducer: Reducer): SimPoint[] {
  const byEnd = new Map<number, { startMs: number; values: Value[] }>();
  for (const series of members) {
    for (const point of series.points) {
      const slot = byEnd.get(point.endMs) ?? { startMs: point.startMs, values: [] };
      slot.values.push(point.value);
      byEnd.set(point.endMs, slot);
    }
  }
  const points: SimPoint[] = [];
  for (const endMs of [...byEnd.keys()].sort((a, b) => b - a)) {
    const slot = byEnd.get(endMs) as { startMs: number; values: Value[] };
    const value = summarise(reducer, slot.values);
    if (value !== undefined) points.push({ startMs: slot.startMs, endMs, value });
  }
  return points;
}

/**
 * Combines aligned series that agree on every group-by field into one series per group, keeping
 * only the grouped labels, as Cloud Monitoring's cross-series reducers do.
 */
export function reduceSeries(
  aligned: readonly ResultSeries[],
  reducer: Reducer,
  groupBy: readonly GroupByField[],
): ResultSeries[] {
  if (reducer === 'REDUCE_NONE') return [...aligned];
  const metricKeys = groupBy.flatMap((f) => (f.kind === 'metricLabel' ? [f.key] : []));
  const resourceKeys = groupBy.flatMap((f) => (f.kind === 'resourceLabel' ? [f.key] : []));
  const groups = new Map<string, ResultSeries[]>();
  for (const series of aligned) {
    const key = JSON.stringify([
      series.resourceType,
      pickLabels(series.resourceLabels, resourceKeys),
      pickLabels(series.metricLabels, metricKeys),
    ]);
    const members = groups.get(key);
    if (members) members.push(series);
    else groups.set(key, [series]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0] as ResultSeries;
    return {
      ...first,
      ...reducedShape(reducer, first),
      metricLabels: pickLabels(first.metricLabels, metricKeys),
      resourceLabels: pickLabels(first.resourceLabels, resourceKeys),
      points: reduceGroup(members, reducer),
    };
  });
}

function labelKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stable order for the response: by resource labels, then metric labels. */
export function sortSeries(series: readonly ResultSeries[]): ResultSeries[] {
  const keyed = series.map((s) => ({
    s,
    key: `${s.resourceType}\u0000${labelKey(s.resourceLabels)}\u0000${labelKey(s.metricLabels)}`,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ s }) => s);
}
