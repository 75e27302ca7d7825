import type { protos } from '@google-cloud/run';
import type { ExecutionRecord, ExecutionStatus } from '@/lib/domain/records';
import { GcpDataError } from '../errors';
import { countOf, parseResourceName, timestampMs } from './proto-values';
import { readTaskTemplate } from './template';

export type ProtoExecution = protos.google.cloud.run.v2.IExecution;

interface Counts {
  taskCount: number;
  runningCount: number;
  succeededCount: number;
  failedCount: number;
  retriedCount: number;
  cancelledCount: number;
}

/**
 * Cloud Run sets completion_time once an execution stops for any reason; what stopped it is read
 * from the counts: a cancelled task means it was cancelled, a failed task that it failed.
 */
export function executionStatus(completionMs: number | undefined, counts: Counts): ExecutionStatus {
  if (completionMs === undefined) return 'running';
  if (counts.cancelledCount > 0) return 'cancelled';
  if (counts.failedCount > 0) return 'failed';
  return counts.succeededCount >= counts.taskCount ? 'succeeded' : 'failed';
}

function readCounts(execution: ProtoExecution, resource: string): Counts {
  const counts: Counts = {
    // Proto3 omits a task count of 0; every execution runs at least one task.
    taskCount: countOf(execution.taskCount, resource, 'taskCount') || 1,
    runningCount: countOf(execution.runningCount, resource, 'runningCount'),
    succeededCount: countOf(execution.succeededCount, resource, 'succeededCount'),
    failedCount: countOf(execution.failedCount, resource, 'failedCount'),
    retriedCount: countOf(execution.retriedCount, resource, 'retriedCount'),
    cancelledCount: countOf(execution.cancelledCount, resource, 'cancelledCount'),
  };
  const settled = counts.succeededCount + counts.failedCount + counts.cancelledCount;
  if (settled > counts.taskCount) {
    throw new GcpDataError(
      resource,
      'succeededCount + failedCount + cancelledCount',
      `is ${settled}, more than taskCount ${counts.taskCount}`,
    );
  }
  return counts;
}

function readTimes(execution: ProtoExecution, resource: string) {
  const createMs = timestampMs(execution.createTime, resource, 'createTime');
  if (createMs === undefined) throw new GcpDataError(resource, 'createTime', 'is missing');
  const startMs = timestampMs(execution.startTime, resource, 'startTime');
  const completionMs = timestampMs(execution.completionTime, resource, 'completionTime');
  if (startMs !== undefined && completionMs !== undefined && completionMs < startMs) {
    throw new GcpDataError(resource, 'completionTime', 'is before startTime');
  }
  return { createMs, startMs, completionMs };
}

/** Execution → ExecutionRecord; limits and JOB_PAYLOAD come from the execution's own template. */
export function mapExecution(execution: ProtoExecution): ExecutionRecord {
  const name = parseResourceName(execution.name, 'an execution');
  const resource = execution.name ?? '';
  if (!name.execution || name.task)
    throw new GcpDataError(resource, 'name', 'is not an execution name');
  const counts = readCounts(execution, resource);
  const { createMs, startMs, completionMs } = readTimes(execution, resource);
  const facts = readTaskTemplate(execution.template, resource, 'template');
  return {
    fullName: resource,
    project: name.project,
    region: name.region,
    id: name.execution,
    job: name.job,
    createMs,
    ...(startMs !== undefined && { startMs }),
    ...(completionMs !== undefined && { completionMs }),
    ...(startMs !== undefined &&
      completionMs !== undefined && { durationSeconds: (completionMs - startMs) / 1000 }),
    status: executionStatus(completionMs, counts),
    ...counts,
    limits: facts.limits,
    ...(facts.sidecars && { sidecars: facts.sidecars }),
    payload: facts.payload,
  };
}
