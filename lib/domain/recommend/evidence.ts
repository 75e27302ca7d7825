/** The facts behind a recommendation, in plain words for the report and the change request. */
import { formatCount, formatPercent, formatUsd } from '../../format';
import { formatBytesHuman } from '../quantities';
import type { MemoryWish, PeakDistribution } from './memory';
import { MEMORY_PERCENTILE } from './memory';
import type { RetryAdvice } from './timeout-retries';
import type { ExecutionObservation, Projection } from './types';

export type EvidenceInput = {
  readonly tierLabel: string | undefined;
  readonly observations: readonly ExecutionObservation[];
  readonly peaks: PeakDistribution;
  readonly memory: MemoryWish;
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
      `${formatCount(ooms)} executions ran out of memory (at up to ${formatBytesHuman(memory.oomLimitBytes)}); their true peak is above that, so memory is at least 1.5 × it.`,
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
    `A ${seconds(projected.timeoutSeconds)} timeout leaves a projected ${formatPercent(projected.timeoutProbability)} of executions timing out; the projected OOM risk is ${formatPercent(projected.oomProbability)}.`,
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
    ...retryFacts(input),
    ...costFacts(input),
  ];
}
