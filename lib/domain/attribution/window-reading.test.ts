import { describe, expect, it } from 'vitest';
import type { DistributionPoint } from '../records';
import { minute, minutes } from '@/test/support/report-records';
import { pointMaximum, readWindow } from './window-reading';

const T = Date.UTC(2025, 2, 1);

/** Bucket counts over the 5%-wide buckets: bucket j ≥ 1 holds [0.05·j, 0.05·(j+1)), bucket 0 what is below 0.05. */
function buckets(filled: Record<number, number>): number[] {
  return Array.from({ length: 21 }, (_, j) => filled[j] ?? 0);
}

function point(overrides: Partial<DistributionPoint>): DistributionPoint {
  return { ...minute(T, 0.5), ...overrides };
}

describe('pointMaximum', () => {
  it.each([
    ['one sample is exact', point({ count: 1, mean: 0.42 }), 0.42],
    ['equal samples give their value', minute(T, 0.3, 5), 0.3],
    // 4 samples of mean 0.5, S = 0.03: max ≤ 0.5 + √(0.03·3/4) = 0.65; bucket [0.6, 0.65) agrees.
    [
      'spread bounds the peak',
      point({
        count: 4,
        mean: 0.5,
        sumOfSquaredDeviation: 0.03,
        bucketCounts: buckets({ 11: 2, 12: 2 }),
      }),
      0.65,
    ],
    [
      'the top bucket caps the spread',
      point({
        count: 4,
        mean: 0.5,
        sumOfSquaredDeviation: 1,
        bucketCounts: buckets({ 10: 4 }),
      }),
      0.55,
    ],
    ['never above the limit', point({ count: 1, mean: 1.4 }), 1],
  ])('%s', (_, p, expected) => {
    expect(pointMaximum(p)).toBeCloseTo(expected, 10);
  });
});

describe('readWindow', () => {
  const points = [
    ...minutes(T, 3, 0.2),
    minute(T + 3 * 60_000, 0.8),
    ...minutes(T + 4 * 60_000, 3, 0.2),
  ];

  it('reads only the minutes the window touches', () => {
    const reading = readWindow(points, T + 3 * 60_000 + 5_000, T + 3 * 60_000 + 50_000);
    expect(reading).toEqual({ mean: 0.8, max: 0.8, samples: 1 });
  });

  it('weights means by sample count and keeps the highest peak', () => {
    const reading = readWindow(points, T + 2 * 60_000 + 1, T + 4 * 60_000 + 1);
    expect(reading?.samples).toBe(3);
    expect(reading?.mean).toBeCloseTo(0.4, 10);
    expect(reading?.max).toBeCloseTo(0.8, 10);
  });

  it('has nothing to say outside the series', () => {
    expect(readWindow(points, T + 60 * 60_000, T + 61 * 60_000)).toBeUndefined();
    expect(readWindow([], T, T + 60_000)).toBeUndefined();
  });

  it.each([
    ['NaN mean', { mean: Number.NaN }],
    ['negative mean', { mean: -0.2 }],
    ['zero count', { count: 0 }],
    ['negative count', { count: -3 }],
  ])('skips a point with a %s from Google', (_, bad) => {
    const reading = readWindow([point({ ...bad }), minute(T + 60_000, 0.3)], T, T + 90_000);
    expect(reading).toEqual({ mean: 0.3, max: 0.3, samples: 1 });
  });
});
