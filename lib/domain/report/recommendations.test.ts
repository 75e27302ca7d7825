import { describe, expect, it } from 'vitest';
import { validateLimits } from '../limits';
import { buildJobReport } from './build';
import type { JobReportInput } from './input';
import {
  GIB,
  T0,
  clips,
  execution,
  measured,
  reportInput,
  task,
} from '@/test/support/report-records';

const M = 60_000;
const DAY = 86_400_000;
const JOB_LIMITS = { vcpu: 2, memoryBytes: 4 * GIB, timeoutSeconds: 900, maxRetries: 2 };

function input(overrides: Partial<JobReportInput>): JobReportInput {
  return reportInput(overrides);
}

/** `count` runs 10 minutes apart (none overlapping), 50–70 s each, at 2 vCPU / 4 GiB. */
function runs(count: number, payload: string, prefix: string, offsetMs = 0) {
  return Array.from({ length: count }, (_, i) =>
    execution({
      id: `${prefix}${i}`,
      startMs: T0 + offsetMs + i * 10 * M,
      seconds: 50 + (i % 21),
      payload,
    }),
  );
}

/** Small tier at 25% peak memory and 30% CPU of its limits, with exact task times. */
function smallHistory(count: number): Partial<JobReportInput> {
  return measured(runs(count, clips(2, 20), 's'));
}

describe('the recommendation in the job report', () => {
  it('recommends valid limits per tier, with confidence and evidence that names the figures', () => {
    const report = buildJobReport(input(smallHistory(200)));
    const small = report.tiers[0];
    const recommendation = small?.recommendation;
    expect(recommendation).toBeTruthy();
    if (!recommendation || !small) return;
    expect(validateLimits(recommendation.recommended)).toEqual({ ok: true });
    // Peaks at 1 GiB of 4: memory comes down, and the tier costs less.
    expect(recommendation.recommended.memoryBytes).toBeLessThan(4 * GIB);
    expect(recommendation.monthlySavingUsd).toBeGreaterThan(0);
    expect(['high', 'medium', 'low']).toContain(recommendation.confidence);
    expect(recommendation.confidenceReasons[0]).toContain('200 finished executions');
    expect(recommendation.evidence.join(' ')).toMatch(/Memory peaked at 1(\.0)? GiB/);
    expect(recommendation.evidence.join(' ')).toContain('4 GiB is allocated');
  });

  it('scales "per month" over the days the history covers, not a longer window around it', () => {
    const covered = buildJobReport(input(smallHistory(200)));
    // A year's window whose history starts where the two-day one does: the same rate a month.
    const year = { startMs: T0 + 2 * DAY - 366 * DAY, endMs: T0 + 2 * DAY };
    const diluted = buildJobReport(input({ ...smallHistory(200), window: year }));
    const trueRate = buildJobReport(input({ ...smallHistory(200), window: year, dataFromMs: T0 }));
    expect(trueRate.inputs.window.days).toBe(366);
    expect(trueRate.inputs.window.dataDays).toBe(2);
    expect(trueRate.totals.costUsd).toBeCloseTo(covered.totals.costUsd, 9);
    expect(trueRate.totals.monthlyCostUsd).toBeCloseTo(covered.totals.monthlyCostUsd, 9);
    expect(trueRate.tiers[0]?.recommendation?.executionsPerMonth).toBeCloseTo(200 * 15, 9);
    expect(diluted.totals.monthlyCostUsd).toBeCloseTo(covered.totals.monthlyCostUsd / 183, 9);
  });

  it("prices today's limits as the report does: same book, window volume scaled to 30 days", () => {
    const report = buildJobReport(input(smallHistory(200)));
    const small = report.tiers[0];
    const recommendation = small?.recommendation;
    if (!recommendation || !small) throw new Error('no recommendation');
    expect(small.cost.monthlyCostUsd).toBeCloseTo(small.cost.costUsd * 15, 12);
    expect(recommendation.executionsPerMonth).toBeCloseTo(200 * 15, 9);
    expect(recommendation.currentCostBasis).toBe('observed');
    expect(recommendation.projectedCurrent.monthlyCostUsd).toBeCloseTo(
      small.cost.monthlyCostUsd,
      12,
    );
    expect(report.totals.monthlyCostUsd).toBeCloseTo(report.totals.costUsd * 15, 12);
    const savings = [...report.tiers, report.unclassified].reduce(
      (sum, t) => sum + (t.recommendation?.monthlySavingUsd ?? 0),
      0,
    );
    expect(report.totals.monthlySavingUsd).toBeCloseTo(savings, 12);
    expect(report.totals.monthlySavingUsd).toBeGreaterThan(0);
  });

  it("says not-enough-data for a tier with no executions, from the job's own limits", () => {
    const report = buildJobReport(input({ ...smallHistory(40), jobLimits: JOB_LIMITS }));
    const xlarge = report.tiers[3];
    expect(xlarge?.executions).toBe(0);
    expect(xlarge?.recommendation).toMatchObject({
      confidence: 'not-enough-data',
      changed: false,
      recommended: JOB_LIMITS,
      monthlySavingUsd: 0,
    });
  });

  it('leaves the slot null for an empty tier when the job limits are unknown', () => {
    const report = buildJobReport(input({}));
    expect(report.tiers.map((t) => t.recommendation)).toEqual([null, null, null, null]);
    expect(report.totals.monthlySavingUsd).toBe(0);
    expect(report.jobPerTierAdvice).toBeNull();
  });

  it('raises memory and lowers retries when every execution ran out of memory', () => {
    const executions = Array.from({ length: 40 }, (_, i) =>
      execution({ id: `f${i}`, status: 'failed', startMs: T0 + i * 10 * M, seconds: 90 }),
    );
    const tasks = executions.map((e) =>
      task(e, { attempts: 3, startMs: (e.startMs ?? 0) + 60_000, lastOutcome: 'oom' }),
    );
    const report = buildJobReport(input({ executions, tasks }));
    const recommendation = report.tiers[0]?.recommendation;
    if (!recommendation) throw new Error('no recommendation');
    expect(recommendation.recommended.memoryBytes).toBeGreaterThanOrEqual(6 * GIB);
    expect(recommendation.recommended.maxRetries).toBe(1);
    expect(validateLimits(recommendation.recommended)).toEqual({ ok: true });
    expect(recommendation.confidence).not.toBe('not-enough-data');
    expect(recommendation.evidence.join(' ')).toContain('40 executions ran out of memory');
  });

  it('compares one shared job with one job per tier only when it serves several tiers', () => {
    const small = runs(60, clips(2, 20), 's');
    const large = runs(60, clips(8, 60), 'l', 5 * M);
    const shared = buildJobReport(input({ executions: [...small, ...large] }));
    expect(shared.jobPerTierAdvice).not.toBeNull();
    expect(shared.jobPerTierAdvice?.perTierMonthlyCostUsd).toBeCloseTo(
      (shared.tiers[0]?.recommendation?.projected.monthlyCostUsd ?? 0) +
        (shared.tiers[2]?.recommendation?.projected.monthlyCostUsd ?? 0),
      9,
    );
    const unreadable = runs(5, 'not json', 'u', 5 * M);
    const single = buildJobReport(input({ executions: [...small, ...unreadable] }));
    expect(single.unclassified.executions).toBe(5);
    expect(single.jobPerTierAdvice).toBeNull();
  });
});
