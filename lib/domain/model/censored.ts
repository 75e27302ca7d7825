/**
 * Values cut off at a limit: an attempt killed at its timeout ran at least that long, an OOM-killed
 * attempt needed more memory than its limit. Nothing in the history says how much more, so the model
 * assumes the true value lies between the limit and CENSORED_SPAN × the limit, log-uniformly.
 */

/** A cut-off value is assumed to be under twice the limit it was cut at. */
export const CENSORED_SPAN = 2;

const LOG_SPAN = Math.log(CENSORED_SPAN);

/** P(true value ≤ x) for a value cut off at `limit`. */
export function censoredCdf(x: number, limit: number): number {
  if (!(x > limit)) return 0;
  if (x >= limit * CENSORED_SPAN) return 1;
  return Math.log(x / limit) / LOG_SPAN;
}

/** Expected true value of something cut off at `limit` (mean of the log-uniform assumption). */
export function censoredMean(limit: number): number {
  return (limit * (CENSORED_SPAN - 1)) / LOG_SPAN;
}

/** Adds one cut-off value to a limit → count map. */
export function addCensored(counts: Map<number, number>, limit: number, count = 1): void {
  counts.set(limit, (counts.get(limit) ?? 0) + count);
}
