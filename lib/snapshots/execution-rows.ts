/**
 * One row per completed execution, costed with the same engine functions as the report, so the
 * rows of a tier add up to its `costUsd`. Waste is left to the per-tier figures: it needs the
 * whole job's Monitoring series, which a single row does not carry.
 */
import { executionCost, executionRunTime, totalFailureUsd } from '@/lib/domain/cost';
import { DEFAULT_PAYLOAD_MAPPING, extractFeaturesFromValue } from '@/lib/domain/payload';
import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import type { ReportInputs } from '@/lib/domain/report';
import { UNCLASSIFIED, classify } from '@/lib/domain/tiers';

export interface ExecutionRow {
  readonly execution: string;
  readonly startIso: string;
  readonly completionIso: string | null;
  readonly status: string;
  readonly tier: string;
  readonly tierLabel: string;
  readonly clipCount: number | null;
  readonly totalMb: number | null;
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly durationSeconds: number | null;
  readonly attempts: number;
  readonly billedSeconds: number;
  readonly costUsd: number;
  readonly failureCostUsd: number;
  /** True when some attempt times are estimated (Cloud Run shows only each task's last attempt). */
  readonly estimated: boolean;
}

export const EXECUTION_COLUMNS = [
  'execution',
  'start',
  'completion',
  'status',
  'tier',
  'tier_label',
  'clip_count',
  'total_mb',
  'vcpu',
  'memory_limit_bytes',
  'duration_seconds',
  'attempts',
  'billed_seconds',
  'cost_usd',
  'failure_cost_usd',
  'estimated',
] as const;

export function rowCells(row: ExecutionRow): readonly (string | number | null)[] {
  return [
    row.execution,
    row.startIso,
    row.completionIso,
    row.status,
    row.tier,
    row.tierLabel,
    row.clipCount,
    row.totalMb,
    row.vcpu,
    row.memoryBytes,
    row.durationSeconds,
    row.attempts,
    row.billedSeconds,
    row.costUsd,
    row.failureCostUsd,
    row.estimated ? 'yes' : 'no',
  ];
}

const NO_UTILISATION = { cpuUtilisation: undefined, peakMemoryFraction: undefined };

function groupTasks(tasks: readonly TaskRecord[]): Map<string, TaskRecord[]> {
  const byExecution = new Map<string, TaskRecord[]>();
  for (const task of tasks) {
    const list = byExecution.get(task.execution);
    if (list) list.push(task);
    else byExecution.set(task.execution, [task]);
  }
  return byExecution;
}

/** Rows for the executions the report counted: completed, started inside its window. */
export function* executionRows(
  inputs: Pick<ReportInputs, 'window' | 'policy' | 'priceBook'>,
  executions: readonly ExecutionRecord[],
  tasks: readonly TaskRecord[] = [],
): Generator<ExecutionRow> {
  const tasksByExecution = groupTasks(tasks);
  const labels = new Map(inputs.policy.tiers.map((tier) => [tier.id, tier.label]));
  for (const execution of executions) {
    const startMs = execution.startMs ?? execution.createMs;
    if (execution.status === 'running') continue;
    if (startMs < inputs.window.startMs || startMs >= inputs.window.endMs) continue;
    const features =
      execution.payload.state === 'ok'
        ? extractFeaturesFromValue(execution.payload.value, DEFAULT_PAYLOAD_MAPPING)
        : undefined;
    const known = features?.ok ? features.features : undefined;
    const tier = classify(known, inputs.policy);
    const run = executionRunTime(execution, tasksByExecution.get(execution.fullName));
    const cost = executionCost(
      execution.limits,
      run,
      NO_UTILISATION,
      inputs.priceBook,
      execution.sidecars,
    );
    yield {
      execution: execution.id,
      startIso: new Date(startMs).toISOString(),
      completionIso:
        execution.completionMs === undefined
          ? null
          : new Date(execution.completionMs).toISOString(),
      status: execution.status,
      tier,
      tierLabel: tier === UNCLASSIFIED ? 'Unclassified' : (labels.get(tier) ?? tier),
      clipCount: known?.clipCount ?? null,
      totalMb: known?.totalMb ?? null,
      vcpu: execution.limits.vcpu,
      memoryBytes: execution.limits.memoryBytes,
      durationSeconds: execution.durationSeconds ?? null,
      attempts: run.attempts,
      billedSeconds: run.billedSeconds,
      costUsd: cost.costUsd,
      failureCostUsd: totalFailureUsd(cost.failureCostUsd),
      estimated: run.estimated,
    };
  }
}
