import { describe, expect, it } from 'vitest';
import { validateLimits } from '../limits';
import { PRICE_BOOKS } from '../pricing';
import { recommendLimits } from './recommend';
import { GiB, LIMITS_2_4, tierObservations } from '@/test/support/observations';
import type { ExecutionObservation, RecommendInput } from './types';

const book = PRICE_BOOKS[0];

function recommend(observations: ExecutionObservation[], extra: Partial<RecommendInput> = {}) {
  return recommendLimits({
    observations,
    current: LIMITS_2_4,
    windowDays: 30,
    priceBook: book,
    ...extra,
  });
}

describe('recommendLimits with too little history', () => {
  it.each([
    { name: 'no executions', observations: [] },
    { name: 'one execution', observations: tierObservations({ count: 1 }) },
    { name: '29 executions', observations: tierObservations({ count: 29 }) },
  ])('keeps today’s limits and says there is not enough data with $name', ({ observations }) => {
    const r = recommend(observations);
    expect(r.confidence).toBe('not-enough-data');
    expect(r.recommended).toEqual(LIMITS_2_4);
    expect(r.changed).toBe(false);
    expect(r.confidenceReasons.join(' ')).toMatch(/at least 30/);
  });
});

describe('recommendLimits on a healthy over-provisioned tier', () => {
  const observations = tierObservations({ count: 600, peakBytes: 1 * GiB });

  it('cuts memory to the peak plus a margin and saves money', () => {
    const r = recommend(observations, { objective: 'cost' });
    expect(r.recommended.memoryBytes).toBeLessThan(2 * GiB);
    expect(r.recommended.memoryBytes).toBeGreaterThanOrEqual(1 * GiB);
    expect(r.monthlySavingUsd).toBeGreaterThan(0);
    expect(r.projected.oomProbability).toBeLessThan(1e-4);
    expect(validateLimits(r.recommended).ok).toBe(true);
    expect(r.evidence[0]).toMatch(
      /Memory peaked at .* in 99% of 600 executions; 4 GiB is allocated/,
    );
  });

  it('gives one valid curve point per vCPU value, faster with more vCPU', () => {
    const r = recommend(observations);
    expect(r.curve.map((p) => p.vcpu)).toEqual([1, 2, 4, 6, 8]);
    const p95s = r.curve.map((p) => p.p95Seconds);
    expect([...p95s].sort((a, b) => b - a)).toEqual(p95s);
    for (const p of r.curve) {
      expect(
        validateLimits({
          vcpu: p.vcpu,
          memoryBytes: p.memoryBytes,
          timeoutSeconds: p.timeoutSeconds,
          maxRetries: p.maxRetries,
        }).ok,
      ).toBe(true);
    }
  });

  it.each([
    { objective: 'cost' as const },
    { objective: 'speed' as const },
    { objective: 'balanced' as const },
  ])('follows the $objective objective', ({ objective }) => {
    const r = recommend(observations, { objective });
    const cheapest = Math.min(...r.curve.map((p) => p.monthlyCostUsd));
    const fastest = Math.min(...r.curve.map((p) => p.p95Seconds));
    if (objective === 'cost') expect(r.projected.monthlyCostUsd).toBe(cheapest);
    if (objective === 'speed') expect(r.projected.p95Seconds).toBeLessThanOrEqual(fastest * 1.05);
    if (objective === 'balanced')
      expect(r.projected.p95Seconds).toBeLessThanOrEqual(
        r.projectedCurrent.p95Seconds * (1 + 1e-9),
      );
  });

  it('meets a tighter latency target by buying vCPU', () => {
    const r = recommend(observations, { objective: 'balanced', latencyTargetSeconds: 50 });
    expect(r.latencyTargetSeconds).toBe(50);
    expect(r.recommended.vcpu).toBeGreaterThan(2);
    expect(r.projected.p95Seconds).toBeLessThanOrEqual(50);
  });

  it('sets a clean timeout above the projected tail', () => {
    const r = recommend(observations);
    expect(r.recommended.timeoutSeconds).toBeGreaterThanOrEqual(2 * r.projected.p95Seconds);
    expect([60, 120, 180, 300, 600]).toContain(r.recommended.timeoutSeconds);
    expect(r.projected.timeoutProbability).toBe(0);
  });

  it('is confident with many executions measured from unshared windows', () => {
    expect(recommend(observations).confidence).toBe('high');
    const ambiguous = observations.map((o) => ({ ...o, memorySource: 'ambiguous' as const }));
    expect(recommend(ambiguous).confidence).toBe('low');
  });
});

describe('recommendLimits after failures', () => {
  it('raises memory above the limit executions ran out at and lowers retries', () => {
    const r = recommend(tierObservations({ count: 300, oomEvery: 20 }));
    expect(r.recommended.memoryBytes).toBeGreaterThanOrEqual(6 * GiB);
    expect(r.recommended.maxRetries).toBe(1);
    expect(r.projected.oomProbability).toBeLessThan(r.projectedCurrent.oomProbability);
    expect(r.projectedCurrent.oomProbability).toBeCloseTo(15 / 300, 9);
    expect(r.evidence.join(' ')).toMatch(/15 executions ran out of memory/);
  });

  it('handles a tier where every execution ran out of memory', () => {
    const r = recommend(tierObservations({ count: 40, oomEvery: 1 }));
    expect(r.projectedCurrent.oomProbability).toBe(1);
    // The peaks are only known to lie above 4 GiB: twice that is the step that is sure to learn.
    expect(r.recommended.memoryBytes).toBeGreaterThanOrEqual(8 * GiB);
    expect(r.memoryModel.learningStep).toBe(true);
    expect(r.memoryModel.bounded).toBe(false);
    expect(r.projected.oomProbability).toBeGreaterThan(0);
    expect(r.model.basis).toBe('none');
    expect(r.confidence).toBe('low');
    expect(r.evidence.join(' ')).toMatch(/step to learn them/);
  });

  it('keeps retries when retries have rescued executions', () => {
    const observations = tierObservations({ count: 100 }).map((o, k) =>
      k % 10 === 0
        ? { ...o, attempts: 2 }
        : k % 10 === 1
          ? { ...o, status: 'failed' as const, runSeconds: undefined }
          : o,
    );
    expect(recommend(observations).recommended.maxRetries).toBe(2);
  });

  it('counts timed-out executions as still timing out at the same timeout', () => {
    const observations = tierObservations({ count: 200 }).map((o, k) =>
      k % 50 === 0
        ? {
            ...o,
            status: 'failed' as const,
            timeoutAttempts: 3,
            attempts: 3,
            runSeconds: undefined,
          }
        : o,
    );
    const r = recommend(observations);
    expect(r.projectedCurrent.timeoutProbability).toBeCloseTo(4 / 200, 9);
    expect(r.recommended.timeoutSeconds).toBeGreaterThan(900);
  });
});

describe('recommendLimits with bad figures', () => {
  it('ignores NaN and negative durations and peaks', () => {
    const good = tierObservations({ count: 100 });
    const bad: ExecutionObservation[] = good
      .slice(0, 20)
      .map((o) => ({ ...o, runSeconds: NaN, peakMemoryBytes: -5, cpuUtilisation: NaN }));
    const r = recommend([...good, ...bad]);
    expect(Number.isFinite(r.projected.p95Seconds)).toBe(true);
    expect(Number.isFinite(r.projected.monthlyCostUsd)).toBe(true);
    expect(r.model.notes.join(' ')).toMatch(/20 runs without a usable duration/);
  });

  it('falls back to a 30-day month when the window length is unusable', () => {
    const r = recommend(tierObservations({ count: 60 }), { windowDays: NaN });
    expect(r.executionsPerMonth).toBe(60);
  });
});

describe('recommendLimits with runs at two vCPU values', () => {
  it('measures the scaling instead of inferring it', () => {
    const observations = [
      ...tierObservations({ count: 200, parallelFraction: 0.6 }),
      ...tierObservations({
        count: 200,
        parallelFraction: 0.6,
        limits: { ...LIMITS_2_4, vcpu: 4 },
      }),
    ].map((o) => ({ ...o, cpuUtilisation: undefined, cpuSource: 'missing' as const }));
    const r = recommend(observations, { current: { ...LIMITS_2_4, vcpu: 4 } });
    expect(r.model.basis).toBe('vcpu-history');
    expect(r.model.parallelFraction.estimate).toBeCloseTo(0.6, 1);
  });
});

describe("recommendLimits with today's billed cost", () => {
  const observations = tierObservations({ count: 300, peakBytes: 1 * GiB });

  it('takes today’s cost from what executions at today’s limits were billed', () => {
    const r = recommend(observations, { observedCurrent: { executions: 300, costUsd: 12 } });
    expect(r.currentCostBasis).toBe('observed');
    expect(r.projectedCurrent.costPerExecutionUsd).toBeCloseTo(0.04, 12);
    expect(r.projectedCurrent.monthlyCostUsd).toBeCloseTo(12, 9);
    expect(r.monthlySavingUsd).toBeCloseTo(12 - r.projected.monthlyCostUsd, 9);
    expect(r.evidence.join(' ')).toContain('instead of $12.00');
  });

  it('uses the model when too few executions ran at today’s limits, and saves nothing unchanged', () => {
    const few = recommend(observations, { observedCurrent: { executions: 29, costUsd: 12 } });
    expect(few.currentCostBasis).toBe('projected');
    expect(few.projectedCurrent.monthlyCostUsd).not.toBeCloseTo(12, 3);
    const unchanged = recommend(tierObservations({ count: 10 }), {
      observedCurrent: { executions: 10, costUsd: 1 },
    });
    expect(unchanged.monthlySavingUsd).toBe(0);
  });
});
