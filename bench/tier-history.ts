/**
 * Reads one job's finished executions through Google's APIs (the emulator here) and turns them into
 * the recommendation's observations, the way the report does: attempt times from tasks, usage from
 * the per-execution metrics or the job-level series, input size from JOB_PAYLOAD.
 */
import { attributeExecutions } from '@/lib/domain/attribution';
import { executionRunTime } from '@/lib/domain/cost';
import { extractFeaturesFromValue, type WorkloadFeatures } from '@/lib/domain/payload';
import { observationFromFacts, type ExecutionObservation } from '@/lib/domain/recommend';
import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import {
  jobName,
  listExecutions,
  listTasks,
  readExecutionMetrics,
  readUtilisation,
  type GcpClients,
} from '@/lib/gcp';

export type HistoryRequest = {
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly nowMs: number;
};

function featuresOf(execution: ExecutionRecord): WorkloadFeatures | undefined {
  if (execution.payload.state !== 'ok') return undefined;
  const result = extractFeaturesFromValue(execution.payload.value);
  return result.ok ? result.features : undefined;
}

export type ObservedExecution = {
  readonly observation: ExecutionObservation;
  readonly features: WorkloadFeatures | undefined;
};

export async function readObservations(
  clients: GcpClients,
  request: HistoryRequest,
): Promise<ObservedExecution[]> {
  const { project, region, job, startMs, endMs, nowMs } = request;
  const window = { project, job, startMs, endMs };
  const [executions, tasks, cpu, memory, usage] = await Promise.all([
    listExecutions(clients, { project, region, job, sinceMs: startMs, untilMs: endMs }),
    listTasks(clients, { executionName: `${jobName({ project, region, job })}/executions/-` }),
    readUtilisation(clients, { ...window, resource: 'cpu' }),
    readUtilisation(clients, { ...window, resource: 'memory' }),
    readExecutionMetrics(clients, window),
  ]);
  const tasksByExecution = new Map<string, TaskRecord[]>();
  for (const task of tasks.items) {
    tasksByExecution.set(task.execution, [...(tasksByExecution.get(task.execution) ?? []), task]);
  }
  const runs = executions.items.map((e) => executionRunTime(e, tasksByExecution.get(e.fullName)));
  const attributions = attributeExecutions({
    executions: executions.items,
    cpuPoints: cpu.items.find((s) => s.job === job)?.points ?? [],
    memoryPoints: memory.items.find((s) => s.job === job)?.points ?? [],
    usage: new Map(usage.items.map((u) => [u.execution, u])),
    runSeconds: runs.map((r) => Math.max(0, ...r.lastAttemptSeconds)),
    nowMs,
  });
  return executions.items.flatMap((execution, i) => {
    const features = featuresOf(execution);
    const observation = observationFromFacts({
      execution,
      run: runs[i]!,
      attribution: attributions[i]!,
      features,
    });
    return observation ? [{ observation, features }] : [];
  });
}
