import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_SECONDS } from '../limits';
import { memoryMargin, oomProbability, peakDistribution, peakQuantile } from './memory';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import { adviseRetries, cleanTimeoutSeconds } from './timeout-retries';

describe('cleanTimeoutSeconds', () => {
  it.each([
    [0.5, 60],
    [60, 60],
    [61, 120],
    [700, 900],
    [25000, 25200],
    [Infinity, MAX_TIMEOUT_SECONDS],
    [10 ** 9, MAX_TIMEOUT_SECONDS],
  ])('%s s → %s s', (seconds, clean) => {
    expect(cleanTimeoutSeconds(seconds)).toBe(clean);
  });
});

describe('memoryMargin', () => {
  it.each([
    [1, 0.6],
    [100, 0.15],
    [10_000, 0.105],
    [0, 0.6],
  ])('with %s executions the margin is %s', (executions, margin) => {
    expect(memoryMargin(executions)).toBeCloseTo(margin, 9);
  });
});

describe('peak distribution', () => {
  it('treats an OOM as a peak somewhere above the limit', () => {
    const peaks = peakDistribution(
      tierObservations({ count: 10, oomEvery: 10, peakBytes: 1 * GiB }),
    );
    expect(peaks.total).toBe(10);
    expect(oomProbability(peaks, 4 * GiB)).toBeCloseTo(0.1, 9);
    expect(oomProbability(peaks, 8 * GiB)).toBe(0);
    expect(oomProbability(peaks, 0.5 * GiB)).toBe(1);
    expect(peakQuantile(peaks, 1)).toBeGreaterThan(4 * GiB);
  });

  it('is empty without usable figures', () => {
    const peaks = peakDistribution([
      { ...tierObservations({ count: 1 })[0]!, peakMemoryBytes: NaN },
    ]);
    expect(peaks.total).toBe(0);
    expect(peakQuantile(peaks, 0.99)).toBeUndefined();
    expect(oomProbability(peaks, GiB)).toBe(0);
  });
});

describe('adviseRetries', () => {
  it.each([
    { name: 'no failures', oomEvery: 0, expected: 2 },
    { name: 'deterministic failures only', oomEvery: 5, expected: 1 },
  ])('$name → $expected retries', ({ oomEvery, expected }) => {
    expect(
      adviseRetries(tierObservations({ count: 50, oomEvery }), LIMITS_2_4.maxRetries).maxRetries,
    ).toBe(expected);
  });

  it('never raises retries that are already low', () => {
    expect(adviseRetries(tierObservations({ count: 50, oomEvery: 5 }), 0).maxRetries).toBe(0);
  });
});
