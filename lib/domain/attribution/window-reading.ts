/**
 * Reads the job-level per-minute utilisation distributions that fall inside one execution's window:
 * the count-weighted mean (CPU) and the highest value the samples can have reached (memory).
 */
import type { DistributionPoint } from '../records';
import { SAMPLE_PERIOD_MS } from './overlap';

export type WindowReading = {
  /** Count-weighted mean of the samples, 0–1. */
  readonly mean: number;
  /** The largest value consistent with every point's mean, spread and buckets, 0–1. */
  readonly max: number;
  readonly samples: number;
};

function clampFraction(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** A point Google sent with an unusable figure is skipped rather than trusted. */
export function isUsablePoint(point: DistributionPoint): boolean {
  return (
    Number.isFinite(point.count) &&
    point.count > 0 &&
    Number.isFinite(point.mean) &&
    point.mean >= 0 &&
    Number.isFinite(point.startMs) &&
    Number.isFinite(point.endMs)
  );
}

/**
 * Upper bound on the largest sample of one point. With n samples of mean m and sum of squared
 * deviations S no sample exceeds m + √(S·(n−1)/n); none exceeds its bucket's upper edge either.
 * With one sample it is exactly the mean.
 */
export function pointMaximum(point: DistributionPoint): number {
  const n = point.count;
  if (n <= 1) return clampFraction(point.mean);
  const spread = Number.isFinite(point.sumOfSquaredDeviation)
    ? Math.max(0, point.sumOfSquaredDeviation)
    : Number.POSITIVE_INFINITY;
  let bound = point.mean + Math.sqrt((spread * (n - 1)) / n);
  let top = -1;
  for (let j = point.bucketCounts.length - 1; j >= 0; j -= 1) {
    if ((point.bucketCounts[j] ?? 0) > 0) {
      top = j;
      break;
    }
  }
  if (top >= 0) {
    const upper = point.bucketBounds[top];
    const lower = top > 0 ? point.bucketBounds[top - 1] : undefined;
    if (upper !== undefined) bound = Math.min(bound, upper);
    if (lower !== undefined) bound = Math.max(bound, lower);
  }
  return clampFraction(Math.max(bound, point.mean));
}

/** Index of the first point whose period ends at or after `ms` (points sorted by end). */
function firstPointEndingFrom(points: readonly DistributionPoint[], ms: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((points[middle] as DistributionPoint).endMs >= ms) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The ends of the sample minutes a run in [startMs, endMs] wrote into: Cloud Run writes one sample
 * per minute of the clock [m, m + 60 s) an instance ran in, so a run of a few seconds has one.
 */
export function sampleEndsOf(startMs: number, endMs: number, periodMs: number = SAMPLE_PERIOD_MS) {
  const first = (Math.floor(startMs / periodMs) + 1) * periodMs;
  return { first, last: Math.max(first, Math.ceil(endMs / periodMs) * periodMs) };
}

/**
 * The samples of every aligned period holding one of the run's sample minutes; undefined when there
 * are none. An aligned point sits "at the end of each alignment_period"
 * (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list#Aligner) and
 * the periods step back from the query's end time, not from the clock (the emulator's conformance
 * test "aligns periods to the end time"), so a period (end − 60 s, end] holds the one minute sample
 * whose end falls in it, and may start after a short run has ended.
 */
export function readWindow(
  points: readonly DistributionPoint[],
  startMs: number,
  endMs: number,
  periodMs: number = SAMPLE_PERIOD_MS,
): WindowReading | undefined {
  const ends = sampleEndsOf(startMs, Math.max(startMs, endMs), periodMs);
  let samples = 0;
  let weighted = 0;
  let max = 0;
  for (let k = firstPointEndingFrom(points, ends.first); k < points.length; k += 1) {
    const point = points[k] as DistributionPoint;
    const from = point.startMs < point.endMs ? point.startMs : point.endMs - periodMs;
    if (from >= ends.last) break;
    // The sample-minute ends inside (from, point.endMs], meeting the run's own.
    const lowest = Math.max(ends.first, (Math.floor(from / periodMs) + 1) * periodMs);
    const highest = Math.min(ends.last, Math.floor(point.endMs / periodMs) * periodMs);
    if (lowest > highest || !isUsablePoint(point)) continue;
    samples += point.count;
    weighted += point.count * clampFraction(point.mean);
    max = Math.max(max, pointMaximum(point));
  }
  return samples === 0 ? undefined : { mean: weighted / samples, max, samples };
}
