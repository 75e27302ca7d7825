import type { SimBucketOptions, SimDistribution, SimPoint, SimValueType } from '../world/types';
import type { ResultSeries } from './aggregate';

// Shapes are the plain objects @grpc/proto-loader serialises (see emulator/protos.ts): camelCase,
// enums as names, 64-bit integers as decimal strings — except bucket counts, sent as numbers (all
// far below 2^53): a month of per-minute distributions holds over a million of them, and parsing
// each from text made the emulator, not the app, the slow part of a report.

interface ProtoTimestamp {
  seconds: string;
  nanos: number;
}

function timestamp(ms: number): ProtoTimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

function bucketOptions(options: SimBucketOptions): Record<string, unknown> {
  if ('linear' in options) return { linearBuckets: { ...options.linear } };
  if ('exponential' in options) return { exponentialBuckets: { ...options.exponential } };
  return { explicitBuckets: { bounds: [...options.explicit.bounds] } };
}

function distribution(d: SimDistribution): Record<string, unknown> {
  return {
    count: String(d.count),
    mean: d.mean,
    sumOfSquaredDeviation: d.sumOfSquaredDeviation,
    bucketOptions: bucketOptions(d.bucketOptions),
    bucketCounts: d.bucketCounts,
  };
}

/** A google.monitoring.v3.TypedValue holding the member that matches the series' value type. */
export function typedValue(
  value: SimPoint['value'],
  valueType: SimValueType,
): Record<string, unknown> {
  if (typeof value === 'object') return { distributionValue: distribution(value) };
  if (valueType === 'INT64') return { int64Value: String(Math.round(value)) };
  return { doubleValue: value };
}

function point(p: SimPoint, valueType: SimValueType): Record<string, unknown> {
  return {
    interval: { startTime: timestamp(p.startMs), endTime: timestamp(p.endMs) },
    value: typedValue(p.value, valueType),
  };
}

/** A google.monitoring.v3.TimeSeries; the HEADERS view leaves `points` empty. */
export function toProtoTimeSeries(series: ResultSeries): Record<string, unknown> {
  return {
    metric: { type: series.metricType, labels: { ...series.metricLabels } },
    resource: { type: series.resourceType, labels: { ...series.resourceLabels } },
    metricKind: series.metricKind,
    valueType: series.valueType,
    unit: series.unit,
    points: series.points.map((p) => point(p, series.valueType)),
  };
}
