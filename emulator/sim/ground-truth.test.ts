import { beforeAll, describe, expect, it } from 'vitest';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from './fixtures';
import { quantile, type GroundTruth } from './ground-truth';
import { createWorld } from './index';

describe('ground truth', () => {
  let truth: GroundTruth;
  beforeAll(() => {
    truth = createWorld(shortScenario(4), { seed: 9, now: TEST_NOW_MS }).groundTruth();
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(truth))).toEqual(truth);
  });

  it('bills every attempt rounded up to 100 ms at the limits it ran with', () => {
    const attempts = truth.executions.flatMap((e) =>
      e.attempts.map((a) => ({ a, limits: e.limits })),
    );
    expect(attempts.some(({ a }) => a.outcome !== 'succeeded')).toBe(true);
    for (const { a, limits } of attempts) {
      expect(a.billedSeconds).toBeGreaterThanOrEqual(a.durationSeconds);
      expect(a.billedSeconds - a.durationSeconds).toBeLessThan(0.1);
      expect(Math.round(a.billedSeconds * 10)).toBeCloseTo(a.billedSeconds * 10, 9);
      expect(a.vcpuSecondsBilled).toBeCloseTo(a.billedSeconds * limits.vcpu, 9);
      if (a.outcome === 'oom') expect(a.peakMemoryBytes).toBe(limits.memoryBytes);
      else expect(a.peakMemoryBytes).toBeLessThan(limits.memoryBytes);
    }
  });

  it('gives each tier its duration at every vCPU, matching what happened at the configured one', () => {
    const reelTiers = truth.tiers.filter((t) => t.jobId === REEL_JOB);
    expect(reelTiers.map((t) => t.tier)).toEqual(['small', 'medium', 'large', 'xlarge']);
    for (const tier of reelTiers) {
      expect(tier.byVcpu['2']).toEqual(tier.observed);
      const medians = [1, 2, 4, 6, 8].map((v) => tier.byVcpu[v]!.medianSeconds);
      expect(medians).toEqual([...medians].sort((a, b) => b - a));
    }
    const small = reelTiers[0]!;
    expect(small.byVcpu['1']!.medianSeconds / small.byVcpu['2']!.medianSeconds).toBeGreaterThan(
      1.5,
    );
  });

  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[10], 0.95, 10],
    [[0, 100], 0.95, 95],
  ])('quantile(%j, %d) = %d', (values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 12);
  });
});
