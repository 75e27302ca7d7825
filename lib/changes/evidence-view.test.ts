import { describe, expect, it } from 'vitest';
import { buildJobReport } from '@/lib/domain/report';
import { T0, clips, execution, measured, reportInput } from '@/test/support/report-records';
import type { JsonObject } from '@/lib/store';
import { proposedText } from '@/lib/audit/log';
import { ALL_TIERS } from '@/lib/changes/service-context';
import { evidenceFromReport } from './evidence';
import { evidenceView } from './evidence-view';

const DAY = 86_400_000;

/** Two days of small reels, ten minutes apart, at a quarter of their memory and 30% CPU. */
function report() {
  const executions = Array.from({ length: 200 }, (_, i) =>
    execution({
      id: `s${i}`,
      startMs: T0 + i * 600_000,
      seconds: 50 + (i % 21),
      payload: clips(2, 20),
    }),
  );
  return buildJobReport(reportInput({ job: 'reel-stitching-job', ...measured(executions) }));
}

describe('evidenceView', () => {
  const built = report();

  it("reads one tier's frozen figures and the report they came from", () => {
    const view = evidenceView(evidenceFromReport(built, 'small'), 'small');
    expect(view.source).toEqual({
      startMs: T0,
      endMs: T0 + 2 * DAY,
      priceBook: 'jobs-tier1',
      asOf: built.inputs.asOfIso,
    });
    expect(view.tiers).toHaveLength(1);
    const [small] = view.tiers;
    expect(small).toMatchObject({ tier: 'small', executions: 200, failed: 0 });
    expect(small?.peakMemoryFractionP95).toBeCloseTo(0.25, 2);
    // Every reel ran alone: the verdict's measured-alone figure is frozen with its count.
    expect(small?.peakMemoryFractionP95MeasuredAlone).toBeCloseTo(0.25, 2);
    expect(small?.memoryMeasuredAlone).toBe(200);
    expect(small?.recommendedLimits?.vcpu).toBeGreaterThan(0);
    expect(small?.monthlySavingUsd).toBeGreaterThan(0);
    expect(small?.confidence).toMatch(/low|medium|high/);
    // The failure budget and the projected failures with their upper end are frozen beside it.
    expect(small?.failureBudgetRate).toBeGreaterThan(0);
    expect(small?.projectedFailureProbabilityHigh).toBeGreaterThanOrEqual(
      small?.projectedFailureProbability ?? Infinity,
    );
    expect(small?.projectedWithinBudget).toBe(true);
    expect(small?.confidenceReasons).toMatch(/200 finished executions/);
  });

  it('reads every tier of an all-tiers change, and a split keyed by tier', () => {
    const all = evidenceView(evidenceFromReport(built, ALL_TIERS), ALL_TIERS);
    expect(all.tiers.map((tier) => tier.tier)).toEqual(built.tiers.map((tier) => tier.id));
    const split: JsonObject = {
      tiers: {
        small: evidenceFromReport(built, 'small'),
        large: evidenceFromReport(built, 'large'),
      },
    };
    const view = evidenceView(split, ALL_TIERS);
    expect(view.source?.priceBook).toBe('jobs-tier1');
    expect(view.tiers.map((tier) => tier.tier)).toEqual(['small', 'large']);
    // A tier with no executions has its counts and verdict, and no made-up durations.
    expect(view.tiers[1]).toMatchObject({ tier: 'large', executions: 0 });
    expect(view.tiers[1]?.verdictSummary).toMatch(/Not enough data/);
    expect(view.tiers[1]).not.toHaveProperty('durationP95Seconds');
  });

  it('leaves out what is missing or not a number, and says nothing was frozen when nothing was', () => {
    expect(evidenceView({}, 'small')).toEqual({ tiers: [] });
    const note = 'The report has no executions in tier xlarge.';
    expect(evidenceView({ note }, 'xlarge').tiers).toEqual([{ tier: 'xlarge', note }]);
    const odd = evidenceView(
      { tier: 'small', executions: '12', durationP95Seconds: 80, recommendedLimits: { vcpu: 2 } },
      'small',
    );
    expect(odd).toEqual({ tiers: [{ tier: 'small', durationP95Seconds: 80 }] });
  });
});

describe('proposedText', () => {
  const limits = { vcpu: 1, memoryBytes: 2 * 2 ** 30, timeoutSeconds: 600, maxRetries: 1 };
  const base = {
    id: 'c',
    job: 'reel-stitching-job',
    tier: 'all',
    limitsBefore: limits,
    limitsAfter: limits,
  };

  it('is the new limits of a limit change, and each tier’s new job of a split', () => {
    expect(proposedText({ ...base, plan: null })).toBe('1 vCPU, 2Gi, 600 s timeout, 1 retry');
    const plan = {
      kind: 'split' as const,
      policyVersion: 0,
      tiers: [{ tier: 'small', jobName: 'reel-stitching-job-small', limits }],
    };
    expect(proposedText({ ...base, plan })).toBe(
      'split: small → reel-stitching-job-small (1 vCPU, 2Gi, 600 s timeout, 1 retry)',
    );
  });
});
