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

/** Equal bins from 0 to the larger of the timeout and the longest run, so the timeout is on the axis. */
export function durationBins(values: Float64Array, timeoutSeconds: number | undefined): ChartBin[] {
  if (values.length === 0) return [];
  let longest = 0;
  for (const value of values) if (Number.isFinite(value) && value > longest) longest = value;
  const top = Math.max(longest, timeoutSeconds ?? 0);
  if (!(top > 0)) return [{ lower: 0, upper: 0, count: values.length }];
  const edges = Array.from({ length: DURATION_BINS + 1 }, (_, i) => (top * i) / DURATION_BINS);
  return histogram(values, { edges }).bins.map(({ lower, upper, count }) => ({
    lower,
    upper,
    count,
  }));
}
