/** The recommendation card's sentences, from the engine's figures; nothing is re-estimated here. */
import type { Recommendation } from '@/lib/domain/recommend/types';
import type { ResourceLimits } from '@/lib/domain/records';
import {
  formatCount,
  formatDays,
  formatLimits,
  formatMemory,
  formatPercent,
  formatSeconds,
  formatUsd,
} from '@/lib/format';

export { formatMemory, formatSeconds } from '@/lib/format';

export function limitsText(limits: ResourceLimits): string {
  return formatLimits(limits);
}

/** Each limit that moves, as "memory 4 GiB → 1.25 GiB". */
export function changesText(rec: Recommendation): string[] {
  const from = rec.current;
  const to = rec.recommended;
  const moves: string[] = [];
  if (from.vcpu !== to.vcpu) moves.push(`vCPU ${from.vcpu} → ${to.vcpu}`);
  if (from.memoryBytes !== to.memoryBytes)
    moves.push(`memory ${formatMemory(from.memoryBytes)} → ${formatMemory(to.memoryBytes)}`);
  if (from.timeoutSeconds !== to.timeoutSeconds)
    moves.push(
      `timeout ${formatSeconds(from.timeoutSeconds)} → ${formatSeconds(to.timeoutSeconds)}`,
    );
  if (from.maxRetries !== to.maxRetries)
    moves.push(`retries ${from.maxRetries} → ${to.maxRetries}`);
  return moves;
}

/** The one sentence a reader takes away. */
export function headline(rec: Recommendation): string {
  if (rec.confidence === 'not-enough-data') {
    return `Not enough history to recommend: ${formatCount(rec.executions)} finished executions, at least 30 are needed. The limits stay as they are.`;
  }
  const moves = changesText(rec);
  if (moves.length === 0) return `Keep today's limits: nothing cheaper fits this tier's history.`;
  const saving = rec.monthlySavingUsd;
  const what = moves.join(', ');
  if (saving > 0.005) {
    return `Save ${formatUsd(saving)} a month (${formatPercent(rec.savingFraction)}) with ${what}.`;
  }
  if (saving < -0.005)
    return `Spend ${formatUsd(-saving)} more a month for fewer failures: ${what}.`;
  return `About the same cost with ${what}.`;
}

export function durationText(rec: Recommendation): string {
  const before = rec.projectedCurrent.p95Seconds;
  const after = rec.projected.p95Seconds;
  const band = rec.projected.p95IntervalSeconds;
  return `p95 duration ${formatSeconds(before)} → ${formatSeconds(after)} (likely between ${formatSeconds(band.low)} and ${formatSeconds(band.high)})`;
}

const risk = (p: number) => (p > 0 && p < 0.001 ? 'under 0.1%' : formatPercent(p));

export function riskText(rec: Recommendation): string {
  const oom = `out-of-memory ${risk(rec.projectedCurrent.oomProbability)} → ${risk(rec.projected.oomProbability)}`;
  const timeout = `timeout ${risk(rec.projectedCurrent.timeoutProbability)} → ${risk(rec.projected.timeoutProbability)}`;
  return `Risk per execution: ${oom}; ${timeout}`;
}

/**
 * The failure budget and the projected failed executions at today's and the recommended limits, the
 * upper end being what the budget is held to. Undefined for a recommendation stored before budgets.
 */
export function budgetText(rec: Recommendation): string | undefined {
  const budget = rec.failureBudget as Recommendation['failureBudget'] | undefined;
  if (!budget) return undefined;
  return `At most ${risk(budget.rate)} of executions may fail (${budget.perMonth.toFixed(1)} a month; today ${risk(budget.todayRate)}, never above ${formatPercent(budget.maxRate)})`;
}

export function failuresText(rec: Recommendation): string | undefined {
  const now = rec.projectedCurrent;
  const next = rec.projected;
  if (next.failureProbabilityHigh === undefined || now.failureProbabilityHigh === undefined)
    return undefined;
  const range = (p: typeof next) =>
    `${risk(p.failureProbability)} (up to ${risk(p.failureProbabilityHigh)})`;
  const verdict = next.withinBudget ? 'within the budget' : 'over the budget: nothing fits it';
  return `Projected failed executions ${range(now)} → ${range(next)}, ${verdict}`;
}

const CONFIDENCE_WORDS: Record<Recommendation['confidence'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
  'not-enough-data': 'Not enough data',
};

export function confidenceText(rec: Recommendation): string {
  return `${CONFIDENCE_WORDS[rec.confidence]}: ${rec.confidenceReasons.join(' ')}`;
}

export { formatDays };
