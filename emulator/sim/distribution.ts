import type { SimBucketOptions, SimDistribution } from '../world/types';

export interface ExponentialBuckets {
  readonly numFiniteBuckets: number;
  readonly growthFactor: number;
  readonly scale: number;
}

export interface LinearBuckets {
  readonly numFiniteBuckets: number;
  readonly width: number;
  readonly offset: number;
}

export type Buckets = ExponentialBuckets | LinearBuckets;

/**
 * Utilisation fractions as exported Cloud Run data lays them out: 100 linear buckets of 1 % from
 * 0 to 100 %; a full limit (1.0) falls in the overflow bucket.
 */
export const LINEAR_UTILIZATION_BUCKETS: LinearBuckets = {
  numFiniteBuckets: 100,
  width: 0.01,
  offset: 0,
};

const isLinear = (buckets: Buckets): buckets is LinearBuckets => 'width' in buckets;

/**
 * Utilisation fractions: 100 exponential buckets from 1 % to 100 % (growth 10^(1/50), about 4.7 %
 * per bucket); values below 1 % fall in the underflow bucket, a full limit (1.0) in the overflow.
 */
export const UTILIZATION_BUCKETS: ExponentialBuckets = {
  numFiniteBuckets: 100,
  growthFactor: 10 ** (1 / 50),
  scale: 0.01,
};

/** Peak memory of one execution: 64 buckets growing by 1.25 from 1 MiB (to about 1.6 TiB). */
export const MEMORY_BYTES_BUCKETS: ExponentialBuckets = {
  numFiniteBuckets: 64,
  growthFactor: 1.25,
  scale: 2 ** 20,
};

/** CPU seconds of one execution: 64 buckets growing by 1.25 from 0.1 s (to about 16 days). */
export const CPU_SECONDS_BUCKETS: ExponentialBuckets = {
  numFiniteBuckets: 64,
  growthFactor: 1.25,
  scale: 0.1,
};

/** Bucket number of a value: 0 is underflow, numFiniteBuckets + 1 is overflow. */
export function bucketIndex(value: number, buckets: Buckets): number {
  if (isLinear(buckets)) {
    if (!(value >= buckets.offset)) return 0;
    // As for exponential bounds, a value within 1e-9 of a bound counts as on it (0.07 / 0.01).
    const i = Math.floor((value - buckets.offset) / buckets.width + 1e-9) + 1;
    return Math.min(i, buckets.numFiniteBuckets + 1);
  }
  if (!(value >= buckets.scale)) return 0;
  let i = Math.floor(Math.log(value / buckets.scale) / Math.log(buckets.growthFactor)) + 1;
  // Bounds computed in floating point miss exact boundaries (0.01 × 10^(100/50) is not exactly 1),
  // so a value within 1e-12 of a bound counts as on it.
  const lower = (k: number) => buckets.scale * buckets.growthFactor ** (k - 1) * (1 - 1e-12);
  if (i > 1 && value < lower(i)) i -= 1;
  else if (value >= lower(i + 1)) i += 1;
  return Math.min(i, buckets.numFiniteBuckets + 1);
}

/** A google.api.Distribution of samples, with mean and squared deviation exact to the samples. */
export function distributionOf(samples: readonly number[], buckets: Buckets): SimDistribution {
  const count = samples.length;
  let sum = 0;
  for (const x of samples) sum += x;
  const mean = count === 0 ? 0 : sum / count;
  let sumOfSquaredDeviation = 0;
  const bucketCounts = new Array<number>(buckets.numFiniteBuckets + 2).fill(0);
  for (const x of samples) {
    sumOfSquaredDeviation += (x - mean) ** 2;
    const i = bucketIndex(x, buckets);
    bucketCounts[i] = (bucketCounts[i] ?? 0) + 1;
  }
  // Trailing empty buckets are dropped, as Monitoring does.
  let last = bucketCounts.length;
  while (last > 0 && bucketCounts[last - 1] === 0) last -= 1;
  const bucketOptions: SimBucketOptions = isLinear(buckets)
    ? { linear: { ...buckets } }
    : { exponential: { ...buckets } };
  return {
    count,
    mean,
    sumOfSquaredDeviation,
    bucketOptions,
    bucketCounts: bucketCounts.slice(0, last),
  };
}
