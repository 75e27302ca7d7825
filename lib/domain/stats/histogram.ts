/**
 * Histogram bins for charts. Bins are half-open [lower, upper) except the last, which also holds its
 * upper edge, so the maximum is always counted. Non-finite values are left out and counted.
 */
import { StatsInputError } from './quantile';

export type HistogramBin = { readonly lower: number; readonly upper: number; count: number };
export type Histogram = {
  readonly bins: HistogramBin[];
  /** Values below the first edge or above the last (only with explicit edges). */
  readonly belowCount: number;
  readonly aboveCount: number;
  readonly ignoredCount: number;
};
export type HistogramSpec = { readonly bins: number } | { readonly edges: readonly number[] };

function checkEdges(edges: readonly number[]): void {
  if (edges.length < 2) throw new StatsInputError('A histogram needs at least two edges.');
  for (let i = 0; i < edges.length; i += 1) {
    const edge = edges[i] as number;
    if (!Number.isFinite(edge))
      throw new StatsInputError(`Histogram edge ${edge} is not a finite number.`);
    if (i > 0 && !(edge > (edges[i - 1] as number))) {
      throw new StatsInputError('Histogram edges must rise strictly, like [0, 60, 120, 300].');
    }
  }
}

/** Index of the bin for a value inside [edges₀, edgesₙ]: the last edge ≤ value, by binary search. */
function binIndex(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((edges[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

function byEdges(values: ArrayLike<number>, edges: readonly number[]): Histogram {
  checkEdges(edges);
  const bins = edges.slice(1).map((upper, i) => ({ lower: edges[i] as number, upper, count: 0 }));
  const first = edges[0] as number;
  const last = edges[edges.length - 1] as number;
  let belowCount = 0;
  let aboveCount = 0;
  let ignoredCount = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) ignoredCount += 1;
    else if (value < first) belowCount += 1;
    else if (value > last) aboveCount += 1;
    else (bins[binIndex(edges, value)] as HistogramBin).count += 1;
  }
  return { bins, belowCount, aboveCount, ignoredCount };
}

function finiteRange(values: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : undefined;
}

function countNonFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i += 1) if (!Number.isFinite(values[i])) count += 1;
  return count;
}

/** Equal-width bins over the values' own range; a single bin when every value is the same. */
function byCount(values: ArrayLike<number>, binCount: number): Histogram {
  if (!(Number.isInteger(binCount) && binCount >= 1 && binCount <= 10_000)) {
    throw new StatsInputError(
      `${binCount} bins is not usable; use a whole number from 1 to 10000.`,
    );
  }
  const range = finiteRange(values);
  if (!range) return { bins: [], belowCount: 0, aboveCount: 0, ignoredCount: values.length };
  if (range.min === range.max) {
    const ignoredCount = countNonFinite(values);
    const bin = { lower: range.min, upper: range.max, count: values.length - ignoredCount };
    return { bins: [bin], belowCount: 0, aboveCount: 0, ignoredCount };
  }
  const width = (range.max - range.min) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) =>
    i === binCount ? range.max : range.min + i * width,
  );
  return byEdges(values, edges);
}

export function histogram(values: ArrayLike<number>, spec: HistogramSpec): Histogram {
  return 'edges' in spec ? byEdges(values, spec.edges) : byCount(values, spec.bins);
}
