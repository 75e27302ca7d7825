/**
 * Per-day series on UTC calendar days (the day Cloud Billing reports in), from epoch-millisecond
 * timestamps. Days without points are filled with zeros so charts show gaps as gaps, not as joins.
 */
import { StatsInputError } from './quantile';

export const DAY_MS = 86_400_000;
const MAX_DAYS = 3_660;

export type DailyPoint = { readonly timestampMs: number; readonly value: number };
export type DailyBucket = {
  readonly day: string;
  readonly startMs: number;
  count: number;
  sum: number;
};
export type StackedPoint = DailyPoint & { readonly key: string };
export type StackedDay = {
  readonly day: string;
  readonly startMs: number;
  readonly values: Record<string, number>;
};
/** Half-open window [startMs, endMs); points outside it are left out. */
export type DayRange = { readonly startMs: number; readonly endMs: number };

/** `"2025-03-14"` for any instant of that UTC day. */
export function utcDayOf(timestampMs: number): string {
  if (!Number.isFinite(timestampMs))
    throw new StatsInputError(`${timestampMs} is not a timestamp.`);
  return new Date(utcDayStartMs(timestampMs)).toISOString().slice(0, 10);
}

export function utcDayStartMs(timestampMs: number): number {
  return Math.floor(timestampMs / DAY_MS) * DAY_MS;
}

/** Day starts from the day of `startMs` to the day of `endMs − 1 ms`, or none for an empty range. */
function dayStarts(range: DayRange): number[] {
  if (!Number.isFinite(range.startMs) || !Number.isFinite(range.endMs)) {
    throw new StatsInputError('A day range needs finite start and end timestamps.');
  }
  if (range.endMs <= range.startMs) return [];
  const first = utcDayStartMs(range.startMs);
  const count = (utcDayStartMs(range.endMs - 1) - first) / DAY_MS + 1;
  if (count > MAX_DAYS)
    throw new StatsInputError(`A range of ${count} days is too long; use at most ${MAX_DAYS}.`);
  return Array.from({ length: count }, (_, i) => first + i * DAY_MS);
}

function rangeOf(points: readonly DailyPoint[]): DayRange | undefined {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const { timestampMs, value } of points) {
    if (!Number.isFinite(timestampMs) || !Number.isFinite(value)) continue;
    startMs = Math.min(startMs, timestampMs);
    endMs = Math.max(endMs, timestampMs + 1);
  }
  return startMs < endMs ? { startMs, endMs } : undefined;
}

function inRange(point: DailyPoint, range: DayRange): boolean {
  return (
    Number.isFinite(point.value) &&
    Number.isFinite(point.timestampMs) &&
    point.timestampMs >= range.startMs &&
    point.timestampMs < range.endMs
  );
}

/** Count and sum per UTC day over `range` (default: the points' own span); non-finite points are skipped. */
export function bucketByUtcDay(points: readonly DailyPoint[], range?: DayRange): DailyBucket[] {
  const window = range ?? rangeOf(points);
  if (!window) return [];
  const days = dayStarts(window).map((startMs) => ({
    day: utcDayOf(startMs),
    startMs,
    count: 0,
    sum: 0,
  }));
  const first = days[0]?.startMs ?? 0;
  for (const point of points) {
    if (!inRange(point, window)) continue;
    const bucket = days[(utcDayStartMs(point.timestampMs) - first) / DAY_MS];
    if (!bucket) continue;
    bucket.count += 1;
    bucket.sum += point.value;
  }
  return days;
}

/** Sums per UTC day and key (e.g. cost by day stacked by tier), every key present on every day. */
export function stackByUtcDay(
  points: readonly StackedPoint[],
  keys: readonly string[],
  range?: DayRange,
): StackedDay[] {
  const window = range ?? rangeOf(points);
  if (!window) return [];
  const days = dayStarts(window).map((startMs) => ({
    day: utcDayOf(startMs),
    startMs,
    values: Object.fromEntries(keys.map((key) => [key, 0])) as Record<string, number>,
  }));
  const first = days[0]?.startMs ?? 0;
  for (const point of points) {
    if (!inRange(point, window)) continue;
    const day = days[(utcDayStartMs(point.timestampMs) - first) / DAY_MS];
    if (!day) continue;
    day.values[point.key] = (day.values[point.key] ?? 0) + point.value;
  }
  return days;
}
