/** Distribution summaries and chart bins for one tier's figures. */
import { QuantileSketch, histogram } from '../stats';
import type { ChartBin, Distribution } from './types';

export const UTILISATION_BINS = 20;
export const DURATION_BINS = 24;

export function summarise(sketch: QuantileSketch): Distribution {
  return {
    count: sketch.count(),
    p50: sketch.quantile(0.5) ?? null,
    p95: sketch.quantile(0.95) ?? null,
    max: sketch.max() ?? null,
    mean: sketch.mean() ?? null,
  };
}

/** Fixed 5%-wide bins over 0–1, filled as values arrive. */
export class FractionBins {
  private readonly counts = new Array<number>(UTILISATION_BINS).fill(0);

  add(fraction: number): void {
    if (!Number.isFinite(fraction)) return;
    const index = Math.min(
      UTILISATION_BINS - 1,
      Math.max(0, Math.floor(fraction * UTILISATION_BINS)),
    );
    this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  bins(): ChartBin[] {
    return this.counts.map((count, i) => ({
      lower: i / UTILISATION_BINS,
      upper: (i + 1) / UTILISATION_BINS,
      count,
    }));
  }
}

/** Bin widths people read at a glance: 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; hours. */
const ROUND_STEPS_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** The smallest round width that covers `top` in at most `DURATION_BINS` bins. */
export function roundBinSeconds(topSeconds: number): number {
  const wanted = topSeconds / DURATION_BINS;
  return ROUND_STEPS_SECONDS.find((step) => step >= wanted) ?? Math.ceil(wanted / 86400) * 86400;
}

/**
 * Bins of a round width (e.g. 0–2 min, 2–4 min) from 0 past the larger of the timeout and the
 * longest run, so the timeout is on the axis.
 */
export function durationBins(values: Float64Array, timeoutSeconds: number | undefined): ChartBin[] {
  if (values.length === 0) return [];
  let longest = 0;
  for (const value of values) if (Number.isFinite(value) && value > longest) longest = value;
  const top = Math.max(longest, timeoutSeconds ?? 0);
  if (!(top > 0)) return [{ lower: 0, upper: 0, count: values.length }];
  const step = roundBinSeconds(top);
  // One bin more when the top lands on an edge, so the timeout falls inside a bin, not past it.
  const count = Math.floor(top / step) + 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => i * step);
  return histogram(values, { edges }).bins.map(({ lower, upper, count }) => ({
    lower,
    upper,
    count,
  }));
}
