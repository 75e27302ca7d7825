import { describe, expect, it } from 'vitest';
import type { SimBucketOptions, SimDistribution } from '../world/types';
import {
  BucketLayoutMismatchError,
  bucketBounds,
  bucketCount,
  distributionPercentile,
  mergeDistributions,
  valuesPercentile,
} from './distribution';

function dist(bucketOptions: SimBucketOptions, bucketCounts: number[]): SimDistribution {
  const count = bucketCounts.reduce((a, b) => a + b, 0);
  return { count, mean: 0, sumOfSquaredDeviation: 0, bucketOptions, bucketCounts };
}

const exponential: SimBucketOptions = {
  exponential: { numFiniteBuckets: 6, growthFactor: 2, scale: 0.01 },
};
const linear: SimBucketOptions = { linear: { numFiniteBuckets: 10, width: 0.1, offset: 0 } };
const explicit: SimBucketOptions = { explicit: { bounds: [1, 2, 5, 10] } };

describe('bucket layout', () => {
  it.each([
    [exponential, 8, 0, [-Infinity, 0.01]],
    [exponential, 8, 3, [0.04, 0.08]],
    [exponential, 8, 7, [0.64, Infinity]],
    [linear, 12, 0, [-Infinity, 0]],
    [linear, 12, 4, [0.30000000000000004, 0.4]],
    [linear, 12, 11, [1, Infinity]],
    [explicit, 5, 0, [-Infinity, 1]],
    [explicit, 5, 2, [2, 5]],
    [explicit, 5, 4, [10, Infinity]],
  ] as const)('%j has %i buckets; bucket %i spans %j', (options, count, index, bounds) => {
    expect(bucketCount(options)).toBe(count);
    const [lower, upper] = bucketBounds(options, index);
    expect(lower).toBeCloseTo(bounds[0], 12);
    expect(upper).toBeCloseTo(bounds[1], 12);
  });
});

describe('distributionPercentile', () => {
  // Cloud Monitoring's own worked example: scale 1, growth 2, one sample in [128, 256).
  const documented = dist(
    { exponential: { numFiniteBuckets: 10, growthFactor: 2, scale: 1 } },
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
  );
  const exponentialCounts = dist(exponential, [1, 0, 4, 10, 4, 1, 0, 0]);
  const linearCounts = dist(linear, [0, 0, 0, 2, 6, 2, 0, 0, 0, 0, 0, 0]);
  const explicitCounts = dist(explicit, [0, 1, 3, 0, 0]);

  it.each([
    ['documented example', documented, 50, 192],
    ['documented example', documented, 95, 249.6],
    ['documented example', documented, 99, 254.72],
    // 20 values; rank 10 falls 5 of 10 into [0.04, 0.08).
    ['exponential', exponentialCounts, 50, 0.06],
    // rank 19 is the last of 4 values in [0.08, 0.16): the upper bound.
    ['exponential', exponentialCounts, 95, 0.16],
    // rank 19.8 is 0.8 of the one value in [0.16, 0.32).
    ['exponential', exponentialCounts, 99, 0.288],
    // rank 1 is the underflow bucket: its only finite bound.
    ['exponential', exponentialCounts, 5, 0.01],
    // 10 values; rank 5 is 3 of 6 into [0.3, 0.4).
    ['linear', linearCounts, 50, 0.35],
    ['linear', linearCounts, 5, 0.225],
    ['linear', linearCounts, 95, 0.475],
    ['linear', linearCounts, 99, 0.495],
    // 4 values; rank 2 is 1 of 3 into [2, 5).
    ['explicit', explicitCounts, 50, 3],
    ['explicit', explicitCounts, 99, 4.96],
    ['explicit', explicitCounts, 5, 1.2],
    ['explicit with trailing zeros omitted', dist(explicit, [0, 1, 3]), 50, 3],
    ['overflow bucket', dist(explicit, [0, 0, 0, 0, 2]), 50, 10],
    ['linear overflow bucket', dist(linear, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]), 99, 1],
  ])('%s: p%i = %d', (_, d, percent, expected) => {
    expect(distributionPercentile(d, percent)).toBeCloseTo(expected, 10);
  });

  it('has no percentile for an empty distribution', () => {
    expect(distributionPercentile(dist(linear, []), 50)).toBeUndefined();
    expect(distributionPercentile(dist(linear, [0, 0, 0]), 99)).toBeUndefined();
  });
});

describe('mergeDistributions', () => {
  const layout: SimBucketOptions = { explicit: { bounds: [2, 4] } };
  // {1, 3} and {5}: together {1, 3, 5} with mean 3 and squared deviations 4 + 0 + 4.
  const a: SimDistribution = {
    count: 2,
    mean: 2,
    sumOfSquaredDeviation: 2,
    bucketOptions: layout,
    bucketCounts: [1, 1],
  };
  const b: SimDistribution = {
    count: 1,
    mean: 5,
    sumOfSquaredDeviation: 0,
    bucketOptions: layout,
    bucketCounts: [0, 0, 1],
  };

  it('combines counts, means, squared deviations and buckets as one population', () => {
    expect(mergeDistributions([a, b])).toEqual({
      count: 3,
      mean: 3,
      sumOfSquaredDeviation: 8,
      bucketOptions: layout,
      bucketCounts: [1, 1, 1],
    });
  });

  it('keeps an empty distribution neutral', () => {
    const empty = { ...b, count: 0, mean: 0, bucketCounts: [] };
    expect(mergeDistributions([a, empty])).toEqual({ ...a, bucketCounts: [1, 1] });
  });

  it('refuses distributions with different bucket layouts', () => {
    expect(() => mergeDistributions([a, { ...b, bucketOptions: linear }])).toThrow(
      BucketLayoutMismatchError,
    );
  });
});

describe('valuesPercentile', () => {
  it.each([
    [[10, 20, 30, 40], 50, 25],
    [[40, 10, 30, 20], 99, 39.7],
    [[10, 20, 30, 40], 5, 11.5],
    [[7], 95, 7],
  ])('%j p%i = %d', (values, percent, expected) => {
    expect(valuesPercentile(values, percent)).toBeCloseTo(expected, 10);
  });

  it('has no percentile of nothing', () => {
    expect(valuesPercentile([], 50)).toBeUndefined();
  });
});
