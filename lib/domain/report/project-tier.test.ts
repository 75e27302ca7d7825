/** The change form's projection: the same models as the tier's recommendation, for any limits. */
import { describe, expect, it } from 'vitest';
import { assessTierLimits, buildJobReport, projectTierLimits } from './build';
import type { JobReportInput } from './input';
import { GIB, T0, clips, execution, measured, reportInput } from '@/test/support/report-records';

const M = 60_000;

function history(): JobReportInput {
  const executions = Array.from({ length: 120 }, (_, i) =>
    execution({
      id: `s${i}`,
      startMs: T0 + i * 10 * M,
      seconds: 50 + (i % 21),
      payload: clips(2, 20),
    }),
  );
  return reportInput(measured(executions));
}

describe('projectTierLimits', () => {
  const input = history();
  const small = buildJobReport(input).tiers.find((t) => t.id === 'small');
  const recommendation = small?.recommendation;

  it('gives the recommendation’s own figures for the recommended limits and for today’s', () => {
    expect(recommendation?.changed).toBe(true);
    if (!recommendation) return;
    expect(projectTierLimits(input, 'small', recommendation.recommended)).toEqual(
      recommendation.projected,
    );
    expect(projectTierLimits(input, 'small', recommendation.current)).toEqual(
      recommendation.projectedCurrent,
    );
  });

  it('describes exactly the limits asked for, and moves with them', () => {
    if (!recommendation) throw new Error('no recommendation');
    const asked = { ...recommendation.recommended, memoryBytes: 3 * GIB, maxRetries: 1 };
    const projection = projectTierLimits(input, 'small', asked);
    expect(projection).toMatchObject(asked);
    const bigger = projectTierLimits(input, 'small', { ...asked, memoryBytes: 6 * GIB });
    expect(bigger?.monthlyCostUsd).toBeGreaterThan(projection?.monthlyCostUsd ?? Infinity);
  });

  it('has nothing to project for a tier the policy lacks', () => {
    expect(projectTierLimits(input, 'no-such-tier', recommendation!.recommended)).toBeNull();
    expect(assessTierLimits(input, 'no-such-tier', recommendation!.recommended)).toBeNull();
  });

  it('holds any limits to the tier’s failure budget, as the recommendation is', () => {
    if (!recommendation) throw new Error('no recommendation');
    const asked = { ...recommendation.recommended, memoryBytes: 3 * GIB, maxRetries: 0 };
    const assessed = assessTierLimits(input, 'small', asked);
    expect(assessed?.failureBudget).toEqual(recommendation.failureBudget);
    expect(assessed?.executionsPerMonth).toBeCloseTo(recommendation.executionsPerMonth, 9);
    expect(assessed?.projection).toEqual(projectTierLimits(input, 'small', asked));
  });

  it('passes the job’s failure budget cap to every tier’s recommendation and projection', () => {
    const capped = { ...input, maxFailureRate: 0.02 };
    const tier = buildJobReport(capped).tiers.find((t) => t.id === 'small');
    expect(tier?.recommendation?.failureBudget.maxRate).toBe(0.02);
    expect(recommendation?.failureBudget.maxRate).toBe(0.005);
    const assessed = assessTierLimits(capped, 'small', recommendation!.recommended);
    expect(assessed?.failureBudget).toEqual(tier?.recommendation?.failureBudget);
  });
});
