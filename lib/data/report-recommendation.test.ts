/**
 * The default scenario read end to end through the emulator: every tier with enough history carries
 * a recommendation whose limits Cloud Run accepts, with its confidence and the figures behind it.
 */
import { describe, expect, it } from 'vitest';
import { validateLimits } from '@/lib/domain/limits';
import { MIN_EXECUTIONS } from '@/lib/domain/recommend';
import type { JobReport } from '@/lib/domain/report';
import { scenarioReportForTests } from '@/test/support/scenario-report';

const NOW_MS = Date.UTC(2025, 4, 20, 12);
let report: JobReport;

scenarioReportForTests('reel-stitching-job', NOW_MS, (read) => {
  report = read;
});

describe('the job report on the default scenario', () => {
  it('recommends valid limits with a stated confidence for every tier with enough history', () => {
    const tiers = report.tiers.filter((t) => t.executions >= MIN_EXECUTIONS);
    expect(tiers.map((t) => t.id)).toEqual(['small', 'medium', 'large', 'xlarge']);
    for (const tier of tiers) {
      const r = tier.recommendation;
      expect(r, tier.id).not.toBeNull();
      if (!r) continue;
      expect(validateLimits(r.recommended), tier.id).toEqual({ ok: true });
      expect(['high', 'medium', 'low'], tier.id).toContain(r.confidence);
      const reasons = r.confidenceReasons.join(' ');
      expect(reasons).toContain(`${tier.executions}`);
      expect(reasons).toMatch(r.confidence === 'high' ? /measured alone/ : /would raise it/);
      expect(r.current).toEqual(tier.currentLimits);
    }
  });

  it('names the figures behind each recommendation', () => {
    for (const tier of report.tiers) {
      const r = tier.recommendation;
      if (!r || r.confidence === 'not-enough-data') continue;
      const evidence = r.evidence.join(' ');
      expect(evidence).toMatch(/Memory peaked at [\d.]+ (MiB|GiB) or less in 99% of \d+/);
      expect(evidence).toMatch(/at the median and [\d.]+ (s|min) at p95/);
      expect(evidence).toMatch(/a month instead of \$[\d.]+/);
    }
  });

  it('raises memory for the tier whose 4K uploads run out of it', () => {
    const xlarge = report.tiers.find((t) => t.id === 'xlarge');
    expect(xlarge?.failedAttempts.oom).toBeGreaterThan(0);
    expect(xlarge?.recommendation?.recommended.memoryBytes).toBeGreaterThanOrEqual(
      1.5 * (xlarge?.currentLimits?.memoryBytes ?? Infinity),
    );
    expect(xlarge?.recommendation?.projected.oomProbability).toBeLessThan(0.01);
  });

  it("prices today's limits at the window's billed cost and sums the savings", () => {
    let compared = 0;
    for (const tier of report.tiers) {
      const r = tier.recommendation;
      if (!r || r.currentCostBasis !== 'observed' || tier.limits.length !== 1) continue;
      expect(r.projectedCurrent.monthlyCostUsd).toBeCloseTo(tier.cost.monthlyCostUsd, 9);
      compared += 1;
    }
    expect(compared).toBe(4);
    const sum = [...report.tiers, report.unclassified].reduce(
      (total, t) => total + (t.recommendation?.monthlySavingUsd ?? 0),
      0,
    );
    expect(report.totals.monthlySavingUsd).toBeCloseTo(sum, 9);
    expect(report.totals.monthlySavingUsd).toBeGreaterThan(0);
    expect(report.jobPerTierAdvice?.text).toMatch(/One job per tier would cost \$/);
  });
});
