import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ProjectedEffectPoint } from '@/lib/changes/evidence';
import { ProjectedEffect } from './projected-effect';

const GIB = 2 ** 30;

function point(patch: Partial<ProjectedEffectPoint['failures']> = {}): ProjectedEffectPoint {
  return {
    vcpu: 2,
    memoryBytes: 3 * GIB,
    timeoutSeconds: 900,
    maxRetries: 1,
    p95Seconds: 61.4,
    monthlyCostUsd: 12.5,
    oomProbability: 0.0004,
    timeoutProbability: 0.002,
    failures: {
      oomProbabilityHigh: 0.0031,
      timeoutProbabilityHigh: 0.004,
      errorProbability: 0,
      failureProbability: 0.0024,
      failureProbabilityHigh: 0.0071,
      withinBudget: false,
      ...patch,
    },
    failureBudget: {
      rate: 0.005,
      perMonth: 30,
      todayRate: 0.05,
      todayPerMonth: 300,
      maxRate: 0.005,
    },
    executionsPerMonth: 6000,
  };
}

const values = { cpu: '2', memory: '3Gi', timeoutSeconds: '900', maxRetries: '1' };
const view = { days: 30, objective: 'balanced' as const };

function render(initial: ProjectedEffectPoint, confidence = true) {
  return renderToStaticMarkup(
    <ProjectedEffect
      job="reel"
      view={view}
      tier="small"
      values={values}
      initial={initial}
      confidence={
        confidence
          ? { level: 'low', reasons: ['OOM-killed peaks could not be placed from the workload.'] }
          : null
      }
    />,
  );
}

describe('ProjectedEffect', () => {
  it('shows the failures for exactly these limits, their upper ends and the budget', () => {
    const html = render(point());
    expect(html).toContain('At 2 vCPU · 3 GiB · 15 min timeout · 1 retry');
    // A small but real OOM risk is never rounded to 0 %.
    expect(html).toContain('under 0.1% (up to 0.3%)');
    expect(html).not.toMatch(/data-testid="projected-oom">0%/);
    expect(html).toContain('0.2% (up to 0.4%)');
    expect(html).toContain('0.2% (up to 0.7%), about 14 a month (up to 43)');
    expect(html).toContain('At most 0.5% of executions (30 a month); today 5%, never above 0.5%');
    expect(html).toMatch(/Over the failure budget/);
    expect(html).toContain(
      'Low confidence in this tier&#x27;s models: OOM-killed peaks could not be placed from the workload.',
    );
  });

  it('says when the upper end is within the budget', () => {
    const html = render(point({ failureProbabilityHigh: 0.004, withinBudget: true }), false);
    expect(html).toContain('Within the failure budget');
    expect(html).not.toContain('Over the failure budget');
    expect(html).not.toContain('projected-confidence');
  });

  it('shows no figures while the limits in the form differ from the projection', () => {
    const html = renderToStaticMarkup(
      <ProjectedEffect
        job="reel"
        view={view}
        tier="small"
        values={{ ...values, memory: '4Gi' }}
        initial={point()}
      />,
    );
    expect(html).toContain('Working out the effect of these limits');
    expect(html).not.toContain('failure-budget');
  });
});
