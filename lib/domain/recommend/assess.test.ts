/** The change form's assessment of any limit set: its projection, the budget and the volume. */
import { describe, expect, it } from 'vitest';
import { PRICE_BOOKS } from '../pricing';
import { assessLimitsFor, projectLimitsFor, recommendLimits } from './recommend';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import type { RecommendInput } from './types';

const input = (patch: Partial<RecommendInput> = {}): RecommendInput => ({
  observations: tierObservations({ count: 400, oomEvery: 10 }),
  current: LIMITS_2_4,
  windowDays: 30,
  priceBook: PRICE_BOOKS[0],
  objective: 'cost',
  ...patch,
});

describe('assessLimitsFor', () => {
  it('gives the recommendation’s budget and volume, and the same projection as projectLimitsFor', () => {
    const r = recommendLimits(input());
    const assessed = assessLimitsFor(input(), r.recommended);
    expect(assessed.failureBudget).toEqual(r.failureBudget);
    expect(assessed.executionsPerMonth).toBeCloseTo(r.executionsPerMonth, 9);
    expect(assessed.projection).toEqual(r.projected);
    const asked = { ...LIMITS_2_4, memoryBytes: 3 * GiB, maxRetries: 1 };
    expect(assessLimitsFor(input(), asked).projection).toEqual(projectLimitsFor(input(), asked));
  });

  it('holds a per-job cap', () => {
    expect(assessLimitsFor(input({ maxFailureRate: 0.02 }), LIMITS_2_4).failureBudget.maxRate).toBe(
      0.02,
    );
  });

  it('never projects 0 % OOM for limits at or below the memory that OOMs today', () => {
    for (const gib of [1, 2, 3, 4]) {
      for (const vcpu of [1, 2, 4]) {
        const limits = { ...LIMITS_2_4, vcpu, memoryBytes: gib * GiB };
        const { projection } = assessLimitsFor(input(), limits);
        expect(projection.oomProbability, `${vcpu} vCPU ${gib} GiB`).toBeGreaterThanOrEqual(
          0.1 - 1e-9,
        );
        expect(projection.failureProbabilityHigh).toBeGreaterThanOrEqual(projection.oomProbability);
        expect(projection.withinBudget).toBe(false);
      }
    }
  });
});
