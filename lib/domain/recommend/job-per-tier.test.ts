import { describe, expect, it } from 'vitest';
import { PRICE_BOOKS } from '../pricing';
import { adviseJobPerTier } from './job-per-tier';
import { recommendLimits } from './recommend';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import type { ExecutionObservation } from './types';

function rec(observations: ExecutionObservation[]) {
  return recommendLimits({
    observations,
    current: LIMITS_2_4,
    windowDays: 1,
    priceBook: PRICE_BOOKS[0],
    objective: 'cost',
  });
}

describe('adviseJobPerTier', () => {
  it('advises a split when a small tier is held to the memory of a large one', () => {
    const small = tierObservations({ count: 900, peakBytes: 0.6 * GiB, secondsPerMb: 0.5 });
    const large = tierObservations({ count: 100, peakBytes: 3 * GiB, secondsPerMb: 2 });
    const advice = adviseJobPerTier({
      shared: rec([...small, ...large]),
      tiers: [rec(small), rec(large)],
    });
    expect(advice.advise).toBe(true);
    expect(advice.monthlySavingUsd).toBeGreaterThan(0);
    expect(advice.text).toMatch(/One job per tier would cost .* less/);
  });

  it('does not advise a split between tiers that need the same limits', () => {
    const a = tierObservations({ count: 300 });
    const b = tierObservations({ count: 300 });
    const advice = adviseJobPerTier({ shared: rec([...a, ...b]), tiers: [rec(a), rec(b)] });
    expect(advice.advise).toBe(false);
    expect(advice.text).toMatch(/too small/);
  });

  it('does not compare without enough history', () => {
    const few = tierObservations({ count: 10 });
    expect(adviseJobPerTier({ shared: rec(few), tiers: [rec(few)] }).text).toMatch(
      /Not enough history/,
    );
  });
});
