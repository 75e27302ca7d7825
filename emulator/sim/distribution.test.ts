import { describe, expect, it } from 'vitest';
import {
  LINEAR_UTILIZATION_BUCKETS,
  UTILIZATION_BUCKETS,
  bucketIndex,
  distributionOf,
} from './distribution';

describe('utilisation distributions', () => {
  it.each([
    [0, 0],
    [0.0099, 0],
    [0.01, 1],
    [0.0104, 1],
    [0.01 * 10 ** (1 / 50), 2],
    [0.5, 85],
    [0.999, 100],
    [1, 101],
  ])('puts %d in bucket %d', (value, bucket) => {
    expect(bucketIndex(value, UTILIZATION_BUCKETS)).toBe(bucket);
  });

  it('has count, mean and squared deviation exact for the samples', () => {
    const d = distributionOf([0.2, 0.4, 0.9], UTILIZATION_BUCKETS);
    expect(d.count).toBe(3);
    expect(d.mean).toBeCloseTo(0.5, 12);
    expect(d.sumOfSquaredDeviation).toBeCloseTo(0.09 + 0.01 + 0.16, 12);
    expect(d.bucketCounts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(d.bucketCounts.at(-1)).toBe(1);
  });
});

describe('the linear 1 % layout', () => {
  it.each([
    [0, 1],
    [0.0099, 1],
    [0.01, 2],
    [0.07, 8],
    [0.5, 51],
    [0.999, 100],
    [1, 101],
  ])('puts %d in bucket %d', (value, bucket) => {
    expect(bucketIndex(value, LINEAR_UTILIZATION_BUCKETS)).toBe(bucket);
  });

  it('describes itself as linear buckets of 1 %', () => {
    const d = distributionOf([0.25, 0.255, 0.9], LINEAR_UTILIZATION_BUCKETS);
    expect(d.bucketOptions).toEqual({ linear: { numFiniteBuckets: 100, width: 0.01, offset: 0 } });
    expect(d.bucketCounts[26]).toBe(2);
    expect(d.bucketCounts).toHaveLength(92);
  });
});
