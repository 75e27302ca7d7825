import { describe, expect, it } from 'vitest';
import { PRICE_BOOKS } from '../pricing';
import type { ResourceLimits } from '../records';
import { errorRate, failedFromErrors, failureBudget } from './budget';
import { buildMemoryModel, oomRisk } from './memory-model';
import { recommendLimits } from './recommend';
import { GiB, tierObservations } from '@/test/support/observations';
import type { ExecutionObservation } from './types';

const MiB = 2 ** 20;
const LIMITS_2_2: ResourceLimits = {
  vcpu: 2,
  memoryBytes: 2 * GiB,
  timeoutSeconds: 900,
  maxRetries: 2,
};

/** True peak of a reel: 250 MiB + 3 MiB per input MB + 70 MiB per 1080p clip, ± 3 %. */
function truePeak(totalMb: number, clips: number, k: number): number {
  return (250 + 3 * totalMb + 70 * clips) * MiB * (1 + 0.03 * Math.sin(k * 12.9898));
}

/** Executions of workloads with `clips` in [min, max], OOM-killed where the true peak ≥ the limit. */
function reels(count: number, minClips: number, maxClips: number, limits = LIMITS_2_2) {
  return Array.from({ length: count }, (_, k) => {
    const clips = minClips + (k % (maxClips - minClips + 1));
    const totalMb = clips * (12 + ((k * 37) % 40));
    const peak = truePeak(totalMb, clips, k);
    const oom = peak >= limits.memoryBytes;
    const runSeconds = 10 + totalMb * 0.2;
    const observation: ExecutionObservation = {
      limits,
      status: oom ? 'failed' : 'succeeded',
      taskCount: 1,
      attempts: oom ? limits.maxRetries + 1 : 1,
      oomAttempts: oom ? limits.maxRetries + 1 : 0,
      timeoutAttempts: 0,
      runSeconds: oom ? undefined : runSeconds,
      executionSeconds: oom ? runSeconds : runSeconds,
      inputMb: totalMb,
      workload: {
        clipCount: clips,
        totalMb,
        maxMegapixels: 1080 * 1920 * 1e-6,
        mediaSeconds: clips * 8,
      },
      cpuUtilisation: 0.8,
      cpuSource: 'sliced',
      peakMemoryBytes: oom ? limits.memoryBytes : peak,
      memorySource: 'sliced',
    };
    return { observation, peak };
  });
}

const recommend = (
  observations: ExecutionObservation[],
  jobObservations?: ExecutionObservation[],
) =>
  recommendLimits({
    observations,
    current: LIMITS_2_2,
    windowDays: 30,
    priceBook: PRICE_BOOKS[0],
    objective: 'cost',
    ...(jobObservations && { jobObservations }),
  });

describe('failureBudget', () => {
  const ok = tierObservations({ count: 100 });
  const failing = tierObservations({ count: 100, oomEvery: 20 });
  it('allows no more failures than today, at least one a month', () => {
    const budget = failureBudget(ok, 6000);
    expect(budget.todayRate).toBe(0);
    expect(budget.perMonth).toBe(1);
    expect(budget.rate).toBeCloseTo(1 / 6000, 12);
  });
  it('caps the share at 0.5 % whatever today fails', () => {
    const budget = failureBudget(failing, 6000);
    expect(budget.todayRate).toBeCloseTo(0.05, 12);
    expect(budget.rate).toBeCloseTo(0.005, 12);
    expect(budget.perMonth).toBeCloseTo(30, 9);
  });
  it('keeps to the cap for a tier too small for one failure a month', () => {
    expect(failureBudget(ok, 23).rate).toBeCloseTo(0.005, 12);
  });
  it('takes a cap per job and ignores an unusable one', () => {
    expect(failureBudget(failing, 6000, 0.02).rate).toBeCloseTo(0.02, 12);
    expect(failureBudget(failing, 6000, NaN).rate).toBeCloseTo(0.005, 12);
  });
});

describe('errorRate', () => {
  it('counts attempts that failed by themselves, not OOMs or timeouts', () => {
    const base = tierObservations({ count: 100 });
    const withErrors = base.map((o, k) => (k < 4 ? { ...o, attempts: 2 } : o));
    const rate = errorRate(withErrors);
    expect(rate.perAttempt).toBeCloseTo(4 / 104, 12);
    expect(rate.perAttemptHigh).toBeGreaterThan(rate.perAttempt);
    expect(errorRate(tierObservations({ count: 100, oomEvery: 5 })).perAttempt).toBe(0);
    expect(failedFromErrors(0.01, 1)).toBeCloseTo(1e-4, 12);
  });
});

describe('a tier that runs out of memory today', () => {
  const run = reels(600, 2, 12);
  const observations = run.map((r) => r.observation);
  const ooms = observations.filter((o) => o.oomAttempts > 0).length;

  it('never projects today’s limits below the OOMs seen', () => {
    expect(ooms).toBeGreaterThan(30);
    const r = recommend(observations);
    expect(r.projectedCurrent.oomProbability).toBeGreaterThanOrEqual(ooms / 600 - 1e-9);
  });

  it('recommends memory whose true failures stay within the budget, projected above 0 %', () => {
    const r = recommend(observations);
    expect(r.memoryModel.basis).toBe('fit');
    expect(r.memoryModel.bounded).toBe(true);
    expect(r.projected.oomProbability).toBeGreaterThan(0);
    expect(r.projected.withinBudget).toBe(true);
    const failing = run.filter((x) => x.peak >= r.recommended.memoryBytes).length;
    expect(failing / run.length).toBeLessThanOrEqual(r.failureBudget.rate);
    // …and not far above the largest true peak: the fit placed the OOM-killed ones.
    expect(r.recommended.memoryBytes).toBeLessThan(1.3 * Math.max(...run.map((x) => x.peak)));
    expect(r.evidence.join(' ')).toMatch(/Failure budget: 0.5%/);
  });

  it('keeps the p95 of runs that complete at today’s vCPU, not of runs an OOM cut short', () => {
    // Each killed attempt stops when the memory runs out, a fraction of the way through.
    const cutShort = observations.map((o) =>
      o.oomAttempts > 0 ? { ...o, executionSeconds: (o.executionSeconds ?? 0) * 0.3 } : o,
    );
    const balanced = recommendLimits({
      observations: cutShort,
      current: LIMITS_2_2,
      windowDays: 30,
      priceBook: PRICE_BOOKS[0]!,
      objective: 'balanced',
    });
    // The OOM-killed executions are the big ones, stopped early: today's p95 reads faster than
    // 2 vCPU runs them once they have the memory.
    expect(balanced.latencyTargetSeconds).toBeGreaterThan(balanced.projectedCurrent.p95Seconds);
    expect(balanced.recommended.vcpu).toBeLessThanOrEqual(LIMITS_2_2.vcpu);
  });
});

describe('borrowing memory growth from the job’s other tiers', () => {
  const small = reels(800, 1, 9, { ...LIMITS_2_2, memoryBytes: 4 * GiB });
  // Every execution of this tier ran out of memory at 1.5 GiB: alone, nothing bounds its peaks.
  const large = reels(60, 14, 16, { ...LIMITS_2_2, memoryBytes: 1.5 * GiB });
  const job = [...small, ...large].map((x) => x.observation);

  it('alone, asks for a learning step', () => {
    const alone = recommend(large.map((x) => x.observation));
    expect(alone.memoryModel.basis).toBe('percentiles');
    expect(alone.memoryModel.learningStep).toBe(true);
    expect(alone.recommended.memoryBytes).toBeGreaterThanOrEqual(3 * GiB);
  });

  it('sizes the learning step from the limit the peaks ran out at, not the most the vCPU allows', () => {
    // 1.5 GiB × 3 = 4.5 GiB learns the peaks; 2 vCPU would allow 8 GiB, at nearly twice the memory cost.
    const alone = recommend(large.map((x) => x.observation));
    expect(alone.recommended.memoryBytes).toBeGreaterThanOrEqual(4.5 * GiB);
    expect(alone.recommended.memoryBytes).toBeLessThan(6 * GiB);
  });

  it('with the job’s other tiers, places the peaks and covers them', () => {
    const pooled = recommend(
      large.map((x) => x.observation),
      job,
    );
    expect(pooled.memoryModel.basis).toBe('pooled-fit');
    expect(pooled.memoryModel.learningStep).toBe(false);
    const truest = Math.max(...large.map((x) => x.peak));
    expect(pooled.recommended.memoryBytes).toBeGreaterThanOrEqual(truest);
    expect(pooled.recommended.memoryBytes).toBeLessThan(1.3 * truest);
    expect(pooled.confidenceReasons.join(' ')).toMatch(/of the job's tiers/);
  });

  it('projects the OOM risk of a pooled model as a decreasing function of memory', () => {
    const model = buildMemoryModel(
      large.map((x) => x.observation),
      job,
    );
    expect(large.every((x) => x.observation.oomAttempts > 0)).toBe(true);
    const risks = [1.5, 2, 2.5, 3, 4].map((g) => oomRisk(model, g * GiB));
    for (let i = 1; i < risks.length; i += 1) {
      expect(risks[i]!.estimate).toBeLessThanOrEqual(risks[i - 1]!.estimate);
      expect(risks[i]!.high).toBeGreaterThanOrEqual(risks[i]!.estimate);
    }
    expect(risks[0]!.estimate).toBe(1);
  });

  it('recommends for a thin tier from the job’s evidence, with low confidence that says so', () => {
    const thin = reels(20, 14, 16, { ...LIMITS_2_2, memoryBytes: 8 * GiB }).map(
      (x) => x.observation,
    );
    const alone = recommend(thin);
    expect(alone.confidence).toBe('not-enough-data');
    expect(alone.changed).toBe(false);
    const borrowed = recommend(thin, [...small.map((x) => x.observation), ...thin]);
    expect(borrowed.confidence).toBe('low');
    expect(borrowed.changed).toBe(true);
    expect(borrowed.recommended.memoryBytes).toBeLessThan(8 * GiB);
    expect(borrowed.confidenceReasons[0]).toMatch(
      /fewer than the 30 .* measured peaks of the job's tiers/,
    );
  });
});
