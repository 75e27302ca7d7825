import type { SimBucketOptions, SimDistribution } from '../world/types';

/** Distributions with different bucket layouts cannot be summed bucket by bucket. */
export class BucketLayoutMismatchError extends Error {
  constructor() {
    super('cannot merge distributions whose bucket options differ');
    this.name = 'BucketLayoutMismatchError';
  }
}

/** Buckets including the underflow (first) and overflow (last) bucket, as google.api.Distribution. */
export function bucketCount(options: SimBucketOptions): number {
  if ('linear' in options) return options.linear.numFiniteBuckets + 2;
  if ('exponential' in options) return options.exponential.numFiniteBuckets + 2;
  return options.explicit.bounds.length + 1;
}

/** Lower (inclusive) and upper (exclusive) bound of bucket `index`; ±Infinity at the open ends. */
export function bucketBounds(options: SimBucketOptions, index: number): [number, number] {
  const last = bucketCount(options) - 1;
  const bound = (i: number): number => {
    if ('linear' in options) return options.linear.offset + options.linear.width * i;
    if ('exponential' in options) {
      return options.exponential.scale * options.exponential.growthFactor ** i;
    }
    return options.explicit.bounds[i] as number;
  };
  const lower = index === 0 ? -Infinity : bound(index - 1);
  const upper = index === last ? Infinity : bound(index);
  return [lower, upper];
}

/**
 * The percentile of the values a distribution summarises, estimated as Cloud Monitoring documents it
 * ("Percentiles and distribution-valued metrics"): find the bucket holding the rank and interpolate
 * linearly inside it. The open underflow/overflow buckets collapse to their one finite bound.
 */
export function distributionPercentile(d: SimDistribution, percent: number): number | undefined {
  const total = d.bucketCounts.reduce((sum, c) => sum + c, 0);
  if (total <= 0) return undefined;
  const rank = (percent / 100) * total;
  let before = 0;
  for (let i = 0; i < d.bucketCounts.length; i++) {
    const inBucket = d.bucketCounts[i] as number;
    if (inBucket <= 0) continue;
    if (before + inBucket >= rank) {
      const [lower, upper] = bucketBounds(d.bucketOptions, i);
      if (lower === -Infinity) return upper;
      if (upper === Infinity) return lower;
      return lower + ((upper - lower) * (rank - before)) / inBucket;
    }
    before += inBucket;
  }
  return undefined;
}

function sameLayout(a: SimBucketOptions, b: SimBucketOptions): boolean {
  // Series share their layout object; comparing text is only needed for copies.
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Sums distributions as one population: counts add, means combine weighted by count, and squared
 * deviations combine with Chan et al.'s parallel formula so nothing is lost to rounding twice.
 */
export function mergeDistributions(parts: readonly SimDistribution[]): SimDistribution {
  const first = parts[0];
  if (!first) throw new RangeError('mergeDistributions needs at least one distribution');
  if (parts.some((d) => !sameLayout(d.bucketOptions, first.bucketOptions))) {
    throw new BucketLayoutMismatchError();
  }
  const count = parts.reduce((sum, d) => sum + d.count, 0);
  const mean = count === 0 ? 0 : parts.reduce((sum, d) => sum + d.count * d.mean, 0) / count;
  const sumOfSquaredDeviation = parts.reduce(
    (sum, d) => sum + d.sumOfSquaredDeviation + d.count * (d.mean - mean) ** 2,
    0,
  );
  // Summed in place: a month of per-minute series merges tens of thousands of distributions per
  // query, and an array per bucket per merge kept the garbage collector busier than the sums.
  let length = 0;
  for (const d of parts) length = Math.max(length, d.bucketCounts.length);
  const bucketCounts = new Array<number>(length).fill(0);
  for (const d of parts) {
    d.bucketCounts.forEach((n, i) => (bucketCounts[i] = (bucketCounts[i] ?? 0) + n));
  }
  return { count, mean, sumOfSquaredDeviation, bucketOptions: first.bucketOptions, bucketCounts };
}

/**
 * Percentile of plain numbers, interpolating linearly between the closest ranks (the common
 * "type 7" definition); Cloud Monitoring does not document its own rule for numeric reducers.
 */
export function valuesPercentile(values: readonly number[], percent: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * percent) / 100;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}
