/** The facts behind a recommendation, in plain words for the report and the change request. */
import {
  formatCount,
  formatPercent,
  formatRisk,
  formatRiskInterval,
  formatUsd,
} from '../../format';
import { formatBytesHuman } from '../quantities';
import type { MemoryWish, PeakDistribution } from './memory';
import { MEMORY_PERCENTILE } from './memory';
import type { MemoryModel } from './memory-model';
import type { RetryAdvice } from './timeout-retries';
import type { FailureBudget, Projection } from './types';

export type EvidenceInput = {
  readonly tierLabel: string | undefined;
  readonly peaks: PeakDistribution;
  readonly memory: MemoryWish;
  readonly memoryModel?: MemoryModel;
  readonly learningStep?: boolean;
  readonly budget?: FailureBudget;
  readonly currentMemoryBytes: number;
  readonly retries: RetryAdvice;
  readonly currentRetries: number;
  readonly projectedCurrent: Projection;
  readonly projected: Projection;
  readonly executionsPerMonth: number;
};

function seconds(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 120
    ? `${(value / 60).toFixed(1)} min`
    : `${value.toFixed(value >= 10 ? 0 : 1)} s`;
}

function memoryFacts(input: EvidenceInput): string[] {
  const { peaks, memory, tierLabel, currentMemoryBytes } = input;
  const facts: string[] = [];
  const kind = tierLabel ? `${tierLabel} ` : '';
  if (memory.percentileBytes !== undefined) {
    facts.push(
      `Memory peaked at ${formatBytesHuman(memory.percentileBytes)} or less in ${formatPercent(MEMORY_PERCENTILE)} of ${formatCount(peaks.total)} ${kind}executions; ${formatBytesHuman(currentMemoryBytes)} is allocated.`,
    );
  } else {
    facts.push('No peak-memory figures: memory is left as it is.');
  }
  const ooms = [...peaks.oomAtLimit.values()].reduce((a, b) => a + b, 0);
  if (ooms > 0 && memory.oomLimitBytes !== undefined) {
    facts.push(
      `${formatCount(ooms)} executions ran out of memory (at up to ${formatBytesHuman(memory.oomLimitBytes)}); their true peak is above that limit, a lower bound, not a measurement.`,
    );
  }
  if (input.learningStep) {
    facts.push(
      `The history cannot bound the peaks of the executions that ran out of memory, so ${formatBytesHuman(input.projected.memoryBytes)}, the most ${input.projected.vcpu} vCPU allows, is a step to learn them: each then either succeeds (and its peak is measured) or sets a higher lower bound.`,
    );
  }
  return facts;
}

function retryFacts({ retries, currentRetries }: EvidenceInput): string[] {
  if (retries.failures === 0) return [];
  if (retries.maxRetries < currentRetries) {
    return [
      `All ${formatCount(retries.failures)} failures were out-of-memory kills or timeouts, which fail again when retried at the same limits, and no execution succeeded after a retry: max retries lowered from ${currentRetries} to ${retries.maxRetries}.`,
    ];
  }
  if (retries.recoveredByRetry > 0) {
    return [
      `${formatCount(retries.recoveredByRetry)} executions succeeded after a retry, so retries are kept.`,
    ];
  }
  return [];
}

function durationFacts({ projectedCurrent: now, projected }: EvidenceInput): string[] {
  return [
    `Today (${now.vcpu} vCPU) executions take ${seconds(now.p50Seconds)} at the median and ${seconds(now.p95Seconds)} at p95; at ${projected.vcpu} vCPU they are projected to take ${seconds(projected.p50Seconds)} and ${seconds(projected.p95Seconds)} (p95 between ${seconds(projected.p95IntervalSeconds.low)} and ${seconds(projected.p95IntervalSeconds.high)}).`,
    `A ${seconds(projected.timeoutSeconds)} timeout leaves a projected ${formatRiskInterval(projected.timeoutProbability, projected.timeoutProbabilityHigh)} of executions timing out; the projected OOM risk is ${formatRiskInterval(projected.oomProbability, projected.oomProbabilityHigh)}.`,
  ];
}

function budgetFacts({ budget, projected, projectedCurrent: now }: EvidenceInput): string[] {
  if (!budget) return [];
  const verdict = projected.withinBudget
    ? 'within the budget'
    : 'over the budget: no limits bring it lower';
  return [
    `Failure budget: ${formatRisk(budget.rate)} of executions (${budget.perMonth.toFixed(1)} a month; today ${formatRisk(budget.todayRate)}, ${budget.todayPerMonth.toFixed(1)} a month; never above ${formatPercent(budget.maxRate)}). Projected failures at the recommended limits: ${formatRiskInterval(projected.failureProbability, projected.failureProbabilityHigh)}, ${verdict}; at today's: ${formatRiskInterval(now.failureProbability, now.failureProbabilityHigh)}.`,
  ];
}

function costFacts({
  projectedCurrent: now,
  projected,
  executionsPerMonth,
}: EvidenceInput): string[] {
  const saving = now.monthlyCostUsd - projected.monthlyCostUsd;
  const verb = saving >= 0 ? 'saving' : 'costing';
  return [
    `At ${formatCount(executionsPerMonth)} executions a month: ${formatUsd(projected.monthlyCostUsd)} a month instead of ${formatUsd(now.monthlyCostUsd)}, ${verb} ${formatUsd(Math.abs(saving))}.`,
  ];
}

export function describeEvidence(input: EvidenceInput): string[] {
  return [
    ...memoryFacts(input),
    ...durationFacts(input),
    ...budgetFacts(input),
    ...retryFacts(input),
    ...costFacts(input),
  ];
}
