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

describe('the memory fit’s frame term', () => {
  // An encoder's lookahead holds frames of the output's size, however many clips: peak memory is
  // a base, plus 0.4 GiB per frame megapixel, plus 0.05 GiB per clip and frame megapixel (decoders).
  const HD = (1080 * 1920) / 1e6;
  const UHD = (2160 * 3840) / 1e6;
  const peakOf = (clips: number, mp: number) => (0.5 + 0.4 * mp + 0.05 * clips * mp) * GiB;
  const run = (k: number, clips: number, mp: number, limitBytes: number): ExecutionObservation => {
    const peak = peakOf(clips, mp) * (1 + 0.01 * Math.sin(k * 12.9898));
    const oom = peak > limitBytes;
    const limits = { ...LIMITS_2_4, memoryBytes: limitBytes };
    return {
      limits,
      status: oom ? 'failed' : 'succeeded',
      taskCount: 1,
      attempts: oom ? 3 : 1,
      oomAttempts: oom ? 3 : 0,
      timeoutAttempts: 0,
      ...(oom ? {} : { runSeconds: 60 + clips * 10, executionSeconds: 60 + clips * 10 }),
      workload: {
        clipCount: clips,
        totalMb: clips * mp * 4 + (k % 5),
        maxMegapixels: mp,
        mediaSeconds: clips * 8,
      },
      cpuUtilisation: 0.8,
      cpuSource: 'sliced',
      peakMemoryBytes: oom ? limitBytes : peak,
      memorySource: 'sliced',
    };
  };
  // The job's other tier ran HD reels of 1–8 clips and a few 4K reels of 4–8 clips at 8 GiB.
  const others = Array.from({ length: 300 }, (_, k) =>
    k % 10 === 0 ? run(k, 4 + (k % 5), UHD, 8 * GiB) : run(k, 1 + (k % 8), HD, 8 * GiB),
  );
  // This tier: single-clip 4K uploads, every one OOM-killed at 2 GiB; they need about 4 GiB.
  const tier = Array.from({ length: 40 }, (_, k) => run(k, 1, UHD, 2 * GiB));

  it('places OOM-killed runs whose peak grows with frame size alone above where clip terms put it', () => {
    const model = buildMemoryModel(tier, [...others, ...tier]);
    expect(model.unboundedOoms).toBe(0);
    // Their true peak is 0.5 + 0.4 × 8.29 + 0.05 × 8.29 ≈ 4.2 GiB: below it they still run out.
    expect(oomRisk(model, 3.75 * GiB).estimate).toBeGreaterThan(0.9);
    expect(oomRisk(model, 4.75 * GiB).estimate).toBeLessThan(0.05);
  });
});
