import { describe, expect, it } from 'vitest';
import { PRICE_BOOKS } from '../pricing';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import { ObservationSet } from './observation-set';
import { recommendLimits } from './recommend';

const book = PRICE_BOOKS[0];

function setOf(observations: ReturnType<typeof tierObservations>, limit: number) {
  const set = new ObservationSet(limit);
  for (const o of observations) set.add(o);
  return set;
}

describe('ObservationSet', () => {
  it('keeps every execution, unweighted, while a stratum is within the limit', () => {
    const observations = tierObservations({ count: 200, oomEvery: 10 });
    const set = setOf(observations, 500);
    expect(set.isWhole()).toBe(true);
    expect(set.sample().observations).toEqual(observations);
    expect(set.sample().weights).toBeNull();
  });

  it('keeps a spread-out sample past the limit, and rare outcomes whole; tallies stay exact', () => {
    const observations = tierObservations({ count: 10_000, oomEvery: 100 });
    const set = setOf(observations, 1_000);
    const { observations: kept, weights } = set.sample();
    const ooms = kept.filter((o) => o.oomAttempts > 0);
    expect(ooms).toHaveLength(100);
    const others = kept.filter((o) => o.oomAttempts === 0);
    expect(others.length).toBeGreaterThan(500);
    expect(others.length).toBeLessThanOrEqual(1_000);
    // Each kept execution stands for its stratum's executions ÷ those kept.
    const total = weights!.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(10_000, 6);
    expect(set.tally.executions).toBe(10_000);
    expect(set.tally.failed).toBe(100);
    expect(set.tally.unknownDurations).toBe(100);
    expect(set.tally.oomAtLimit.get(LIMITS_2_4.memoryBytes)).toBe(100);
    // The same history gives the same sample.
    expect(setOf(observations, 1_000).sample().observations).toEqual(kept);
  });

  it('does not fall into step with a periodic workload', () => {
    // 80 input sizes in turn: every 32nd execution would see only 5 of them.
    const observations = tierObservations({ count: 40_000 });
    const kept = setOf(observations, 1_024).sample().observations;
    expect(new Set(kept.map((o) => o.inputMb)).size).toBe(80);
  });

  it('merges sets so each weighs by its size, tallies summed', () => {
    const big = setOf(tierObservations({ count: 8_000 }), 1_000);
    const small = setOf(tierObservations({ count: 500 }), 1_000);
    const merged = ObservationSet.merge([big, small], 1_000);
    expect(merged.count).toBe(8_500);
    const { observations, weights } = merged.sample();
    expect(observations.length).toBeLessThanOrEqual(1_000);
    const fromSmall = observations.filter((o) => small.sample().observations.includes(o));
    // One stride for both: the small set keeps the same share of its executions as the big one.
    expect(fromSmall.length / 500).toBeCloseTo((observations.length - fromSmall.length) / 8_000, 1);
    expect(weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(8_500, 6);
  });

  it('merges whole sets into the concatenation, in order', () => {
    const a = tierObservations({ count: 50 });
    const b = tierObservations({ count: 70, oomEvery: 7 });
    const merged = ObservationSet.merge([setOf(a, 500), setOf(b, 500)], 500);
    expect(merged.sample().observations).toEqual([...a, ...b]);
    expect(merged.sample().weights).toBeNull();
  });

  it('recommends from a sample what it recommends from the whole history', () => {
    const observations = tierObservations({ count: 12_000, peakBytes: 1 * GiB, oomEvery: 400 });
    const input = { current: LIMITS_2_4, windowDays: 30, priceBook: book } as const;
    const whole = recommendLimits({ ...input, observations });
    const sampled = recommendLimits({ ...input, observations: setOf(observations, 4_096) });
    expect(sampled.recommended).toEqual(whole.recommended);
    expect(sampled.executions).toBe(whole.executions);
    expect(sampled.failureBudget).toEqual(whole.failureBudget);
    expect(sampled.confidence).toBe(whole.confidence);
    const close = (a: number, b: number, share: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(share * Math.abs(b));
    // A third of the history: percentiles and the mean move by their sampling error, ~1 %.
    close(sampled.projected.p95Seconds, whole.projected.p95Seconds, 0.02);
    close(sampled.projected.p50Seconds, whole.projected.p50Seconds, 0.02);
    close(sampled.projected.monthlyCostUsd, whole.projected.monthlyCostUsd, 0.02);
    close(sampled.projectedCurrent.oomProbability, whole.projectedCurrent.oomProbability, 0.05);
  });
});
