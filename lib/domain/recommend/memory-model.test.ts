import { describe, expect, it } from 'vitest';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import { PRICE_BOOKS } from '../pricing';
import { buildMemoryModel, oomRisk } from './memory-model';
import { recommendLimits } from './recommend';
import type { ExecutionObservation } from './types';

describe('oomRisk', () => {
  // 1 in 20 executions ran out of memory at 4 GiB; of the runs that completed, only one in four had
  // its own peak measured (the rest share a window with another execution: ambiguous, left out).
  const tier: ExecutionObservation[] = tierObservations({ count: 400, oomEvery: 20 }).map((o, k) =>
    o.oomAttempts === 0 && k % 4 !== 1
      ? { ...o, memorySource: 'ambiguous', peakMemoryBytes: 3.5 * GiB }
      : o,
  );
  const ooms = tier.filter((o) => o.oomAttempts > 0).length;
  const measured = tier.filter((o) => o.oomAttempts === 0 && o.memorySource === 'sliced').length;

  it('is a share of the tier’s executions, not of those whose peak was measured', () => {
    const model = buildMemoryModel(tier, undefined);
    expect(model.items).toHaveLength(ooms + measured);
    const today = oomRisk(model, LIMITS_2_4.memoryBytes);
    // Every OOM-killed execution ran out at today's limit: today's risk is today's OOM share.
    expect(today.estimate).toBeCloseTo(ooms / tier.length, 9);
    expect(today.high).toBeGreaterThan(today.estimate);
    expect(today.high).toBeLessThan(ooms / (ooms + measured));
  });

  it('is the same whichever completed runs were measured, when they are alike', () => {
    const all = tierObservations({ count: 400, oomEvery: 20 });
    const full = oomRisk(buildMemoryModel(all, undefined), LIMITS_2_4.memoryBytes);
    const part = oomRisk(buildMemoryModel(tier, undefined), LIMITS_2_4.memoryBytes);
    expect(part.estimate).toBeCloseTo(full.estimate, 9);
    // Fewer measured peaks: a wider upper end, never a narrower one.
    expect(part.high).toBeGreaterThanOrEqual(full.high);
  });

  it('projects today’s limits at today’s OOM share in the recommendation', () => {
    const r = recommendLimits({
      observations: tier,
      current: LIMITS_2_4,
      windowDays: 30,
      priceBook: PRICE_BOOKS[0]!,
      objective: 'cost',
    });
    expect(r.projectedCurrent.oomProbability).toBeCloseTo(ooms / tier.length, 9);
  });
});
