import { describe, expect, it } from 'vitest';
import { meanInterval, quantileInterval, wilsonInterval } from './intervals';
import type { ExecutionOutcome, FrozenProjection } from './types';
import { MIN_EXECUTIONS, verifyChange, verifyTier } from './verify';

/** n executions at `costUsd` ± a little, `seconds` long, the first `failures` OOM-killed and failed. */
function runs(n: number, costUsd: number, seconds: number, ooms = 0): ExecutionOutcome[] {
  return Array.from({ length: n }, (_, i) => ({
    costUsd: costUsd * (1 + ((i % 5) - 2) * 0.01),
    durationSeconds: seconds * (1 + ((i % 7) - 3) * 0.02),
    failed: i < ooms,
    oomAttempts: i < ooms ? 2 : 0,
    timeoutAttempts: 0,
  }));
}

const projection: FrozenProjection = {
  costPerExecutionUsd: 0.01,
  monthlyCostUsd: 30,
  monthlySavingUsd: 30,
  p95Seconds: 100,
  oomProbability: 0.001,
  timeoutProbability: 0,
  executions: 3000,
};
const before = runs(3000, 0.02, 90);

describe('intervals', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
  ])('Wilson %i of %i is [%f, %f]', (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval?.low).toBeCloseTo(low, 3);
    expect(interval?.high).toBeCloseTo(high, 3);
  });

  it('has no interval without executions and an unbounded one from a single value', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(meanInterval([])).toBeNull();
    expect(meanInterval([3])).toMatchObject({ value: 3, low: -Infinity, high: Infinity });
    expect(quantileInterval(new Float64Array(), 0.5)).toBeNull();
  });

  it('narrows as executions grow', () => {
    const width = (n: number) => {
      const sorted = Float64Array.from({ length: n }, (_, i) => i / n);
      const q = quantileInterval(sorted, 0.95);
      return q ? q.high - q.low : NaN;
    };
    expect(width(1000)).toBeLessThan(width(100));
    expect(width(20)).toBe(Infinity); // 20 executions cannot bound a p95 from above
  });
});

describe('verifying one tier', () => {
  it('is too early with few executions and says how many more it needs', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(12, 0.01, 95),
      projection,
      afterDays: 1,
    });
    expect(result.verdict).toBe('too-early');
    expect(result.executionsNeeded).toBe(MIN_EXECUTIONS - 12);
    expect(result.reasons[0]).toMatch(/12 of the 30 executions/);
  });

  it('is as projected when cost and p95 land on the projection', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(200, 0.01, 95),
      projection,
      afterDays: 2,
    });
    expect(result.verdict).toBe('as-projected');
    const cost = result.metrics.find((m) => m.metric === 'costPerExecution');
    expect(cost).toMatchObject({ reference: 'projection', outcome: 'as-projected' });
    // 100 executions a day → 3,000 a month, saving ~$0.01 each.
    expect(result.monthly.executionsPerMonth).toBeCloseTo(3000);
    expect(result.monthly.realisedSavingUsd?.value).toBeCloseTo(30, 0);
    expect(result.monthly.projectedSavingUsd).toBe(30);
  });

  it('is better when cost is clearly below the projection', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(200, 0.008, 95),
      projection,
      afterDays: 2,
    });
    expect(result.verdict).toBe('better');
  });

  it('is worse when cost is clearly above the projection', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(200, 0.013, 95),
      projection,
      afterDays: 2,
    });
    expect(result.verdict).toBe('worse');
    expect(result.failuresAboveExpected).toEqual([]);
  });

  it('flags OOMs above the projected interval at once, before there are 30 executions', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(8, 0.01, 95, 3),
      projection,
      afterDays: 0.1,
    });
    expect(result.verdict).toBe('worse');
    expect(result.failuresAboveExpected).toEqual(['oomRate', 'failureRate']);
    const oom = result.metrics.find((m) => m.metric === 'oomRate');
    expect(oom?.after?.low).toBeGreaterThan(oom?.expected?.high ?? 1);
  });

  it('does not call one OOM in 40 worse when the projection allowed for it', () => {
    const risky = { ...projection, oomProbability: 0.03, executions: 300 };
    const withOom = runs(40, 0.01, 95, 1).map((run) => ({ ...run, failed: false }));
    const again = verifyTier({
      tier: 'small',
      before: runs(300, 0.02, 90, 9),
      projection: risky,
      after: withOom,
      afterDays: 1,
    });
    expect(again.metrics.find((m) => m.metric === 'oomRate')?.outcome).toBe('as-projected');
  });

  it('compares with the tier before when nothing was projected for these limits', () => {
    const result = verifyTier({
      tier: 'small',
      before,
      after: runs(100, 0.019, 89),
      projection: null,
      afterDays: 1,
    });
    expect(result.metrics.find((m) => m.metric === 'costPerExecution')?.reference).toBe('before');
    expect(result.verdict).toBe('as-projected');
    expect(result.reasons.at(-1)).toMatch(/No projection/);
  });
});

describe('verifying a change over its tiers', () => {
  it('takes the worst tier and the most executions any tier still needs', () => {
    const good = { tier: 'small', before, after: runs(200, 0.01, 95), projection, afterDays: 2 };
    const early = { ...good, tier: 'medium', after: runs(5, 0.01, 95) };
    expect(verifyChange([good, early])).toMatchObject({
      verdict: 'too-early',
      executionsNeeded: 25,
    });
    const bad = { ...good, tier: 'large', after: runs(10, 0.01, 95, 4) };
    expect(verifyChange([good, early, bad])).toMatchObject({
      verdict: 'worse',
      failuresAboveExpected: true,
    });
    expect(verifyChange([])).toMatchObject({
      verdict: 'too-early',
      executionsNeeded: MIN_EXECUTIONS,
    });
  });
});
