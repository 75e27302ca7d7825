/** The change form's words for a limit set's projected failures and the budget they are held to. */
import type { ProjectedEffectPoint } from '@/lib/changes/evidence';
import type { Confidence } from '@/lib/domain/recommend';
import { formatAmount, formatPercent, formatRisk } from '@/lib/format';

/** "2.1% (up to 3.4%)": the projection with the upper end the budget is checked at. */
export function riskRange(probability: number, high: number): string {
  return high > probability
    ? `${formatRisk(probability)} (up to ${formatRisk(high)})`
    : formatRisk(probability);
}

export function failedText(point: ProjectedEffectPoint): string {
  const { failureProbability, failureProbabilityHigh } = point.failures;
  const perMonth = point.executionsPerMonth;
  return `${riskRange(failureProbability, failureProbabilityHigh)}, about ${formatAmount(failureProbability * perMonth)} a month (up to ${formatAmount(failureProbabilityHigh * perMonth)})`;
}

export function budgetText(point: ProjectedEffectPoint): string {
  const budget = point.failureBudget;
  return `At most ${formatRisk(budget.rate)} of executions (${formatAmount(budget.perMonth)} a month); today ${formatRisk(budget.todayRate)}, never above ${formatPercent(budget.maxRate)}`;
}

export function verdictText(point: ProjectedEffectPoint): string {
  return point.failures.withinBudget
    ? 'Within the failure budget, at the upper end of the projection.'
    : 'Over the failure budget: at the upper end of the projection more executions would fail than the budget allows.';
}

const CONFIDENCE_WORDS: Record<Confidence, string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
  'not-enough-data': 'Not enough data',
};

export function confidenceText(level: Confidence, reasons: readonly string[]): string {
  return `${CONFIDENCE_WORDS[level]} in this tier's models: ${reasons.join(' ')}`.trim();
}
