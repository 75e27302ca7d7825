/** The `verification` object of `GET /api/changes/{id}`: ISO times, unbounded ends as null. */
import type { Estimate } from '@/lib/domain/verify';
import type { VerificationView } from './read';

const finite = (value: number) => (Number.isFinite(value) ? value : null);

export function estimateJson(estimate: Estimate | null) {
  if (!estimate) return null;
  return {
    value: estimate.value,
    low: finite(estimate.low),
    high: finite(estimate.high),
    executions: estimate.n,
  };
}

export function verificationJson(view: VerificationView | null) {
  if (!view) return null;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    verdict: view.verdict,
    executionsNeeded: view.executionsNeeded,
    failuresAboveExpected: view.failuresAboveExpected,
    appliedAt: iso(view.appliedAtMs),
    asOf: iso(view.asOfMs),
    before: { start: iso(view.before.startMs), end: iso(view.before.endMs) },
    priceBook: view.priceBook,
    warnings: view.warnings,
    tiers: view.tiers.map((tier) => ({
      tier: tier.tier,
      verdict: tier.verdict,
      executionsBefore: tier.executionsBefore,
      executionsAfter: tier.executionsAfter,
      executionsNeeded: tier.executionsNeeded,
      failuresAboveExpected: tier.failuresAboveExpected,
      reasons: tier.reasons,
      metrics: Object.fromEntries(
        tier.metrics.map((metric) => [
          metric.metric,
          {
            after: estimateJson(metric.after),
            before: estimateJson(metric.before),
            reference: metric.reference,
            expected: estimateJson(metric.expected),
            outcome: metric.outcome,
          },
        ]),
      ),
      monthly: {
        executionsPerMonth: tier.monthly.executionsPerMonth,
        realisedCostUsd: estimateJson(tier.monthly.realisedCostUsd),
        realisedSavingUsd: estimateJson(tier.monthly.realisedSavingUsd),
        projectedCostUsd: tier.monthly.projectedCostUsd,
        projectedSavingUsd: tier.monthly.projectedSavingUsd,
      },
    })),
  };
}
