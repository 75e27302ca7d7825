/** Ledger executions → what verification compares: tier, limits, cost of every attempt, failures. */
import { executionCost, executionRunTime } from '@/lib/domain/cost';
import { DEFAULT_PAYLOAD_MAPPING, extractFeaturesFromValue } from '@/lib/domain/payload';
import type { PriceBook } from '@/lib/domain/pricing';
import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import { classify, UNCLASSIFIED, type TierPolicy } from '@/lib/domain/tiers';
import type { ExecutionOutcome } from '@/lib/domain/verify';

export interface ClassifiedOutcome extends ExecutionOutcome {
  readonly tier: string;
  readonly execution: ExecutionRecord;
  /** Attempt times were inferred (tasks not read): the cost is an estimate. */
  readonly estimated: boolean;
}

function tierOf(execution: ExecutionRecord, policy: TierPolicy): string {
  if (execution.payload.state !== 'ok') return UNCLASSIFIED;
  const read = extractFeaturesFromValue(execution.payload.value, DEFAULT_PAYLOAD_MAPPING);
  return classify(read.ok ? read.features : undefined, policy);
}

/** Finished executions only: running ones have no outcome, cancelled ones say nothing of limits. */
export function outcomesOf(
  executions: readonly ExecutionRecord[],
  tasks: readonly TaskRecord[],
  policy: TierPolicy,
  book: PriceBook,
): ClassifiedOutcome[] {
  const byExecution = new Map<string, TaskRecord[]>();
  for (const task of tasks) {
    const list = byExecution.get(task.execution) ?? [];
    list.push(task);
    byExecution.set(task.execution, list);
  }
  return executions
    .filter((execution) => execution.status === 'succeeded' || execution.status === 'failed')
    .map((execution) => {
      const run = executionRunTime(execution, byExecution.get(execution.fullName) ?? []);
      const noUsage = { cpuUtilisation: undefined, peakMemoryFraction: undefined };
      return {
        tier: tierOf(execution, policy),
        execution,
        estimated: run.estimated,
        costUsd: executionCost(execution.limits, run, noUsage, book).costUsd,
        ...(execution.durationSeconds !== undefined && {
          durationSeconds: execution.durationSeconds,
        }),
        failed: execution.status === 'failed',
        oomAttempts: run.failedAttempts.oom,
        timeoutAttempts: run.failedAttempts.timeout,
      };
    });
}
