/**
 * Attribution of finished executions exactly as a report's pass does it, for a caller that keeps the
 * figures (the execution ledger attributes executions once, when their minutes have settled) and
 * hands them back to `buildJobReport` as `attributed`.
 */
import { createAttributor, type ExecutionAttribution } from '../attribution';
import { executionRunTime, type ExecutionRunTime } from '../cost';
import type { DistributionPoint, ExecutionRecord, ExecutionUsage, TaskRecord } from '../records';
import { TaskLookup } from './task-lookup';

/** The job logs its CPU-seconds in the exit line of the attempt that finished: the last one. */
export function lastAttemptMean(run: ExecutionRunTime): number {
  const last = run.lastAttemptSeconds;
  if (last.length === 0) return run.billedSeconds;
  let total = 0;
  for (const seconds of last) total += seconds;
  return total / last.length;
}

/** By short execution id, the last entry winning; built in one loop, with no pair per entry. */
export function usageById(usage: readonly ExecutionUsage[] | undefined) {
  if (!usage) return undefined;
  const byId = new Map<string, ExecutionUsage>();
  for (const u of usage) byId.set(u.execution, u);
  return byId;
}

/** The attributor a report's pass and the ledger's both use, over one reading. */
export function attributorOf(input: AttributionPassInput) {
  return createAttributor({
    executions: input.executions,
    cpuPoints: input.cpuPoints,
    memoryPoints: input.memoryPoints,
    usage: usageById(input.executionUsage),
    nowMs: input.nowMs,
  });
}

export type AttributionPassInput = {
  /** Every execution read, running ones included: they share sample periods too. */
  readonly executions: readonly ExecutionRecord[];
  readonly tasks?: readonly TaskRecord[];
  readonly cpuPoints?: readonly DistributionPoint[];
  readonly memoryPoints?: readonly DistributionPoint[];
  readonly executionUsage?: readonly ExecutionUsage[];
  readonly nowMs: number;
};

/**
 * The attribution of every finished execution `include` picks, by short id: the same figures
 * `buildJobReport` computes for it from the same reading.
 */
export function attributeFinished(
  input: AttributionPassInput,
  include: (execution: ExecutionRecord) => boolean,
): Map<string, ExecutionAttribution> {
  const tasks = new TaskLookup(input.tasks);
  const attribute = attributorOf(input);
  const out = new Map<string, ExecutionAttribution>();
  input.executions.forEach((execution, i) => {
    const tasksOfExecution = tasks.tasksOf(execution);
    if (execution.status === 'running' || !include(execution)) return;
    const run = executionRunTime(execution, tasksOfExecution);
    out.set(execution.id, attribute(execution, i, lastAttemptMean(run)));
  });
  return out;
}
