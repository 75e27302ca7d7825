import type { protos } from '@google-cloud/run';
import type { TaskRecord } from '@/lib/domain/records';
import { GcpDataError } from '../errors';
import { attemptOutcome } from './attempt-outcome';
import { countOf, parseResourceName, timestampMs } from './proto-values';

export type ProtoTask = protos.google.cloud.run.v2.ITask;
/** Task → TaskRecord. Cloud Run keeps only the last attempt; earlier ones are counted by `retried`. */
export function mapTask(task: ProtoTask): TaskRecord {
  const name = parseResourceName(task.name, 'a task');
  const resource = task.name ?? '';
  if (!name.task || !name.execution) throw new GcpDataError(resource, 'name', 'is not a task name');
  const startMs = timestampMs(task.startTime, resource, 'startTime');
  const completionMs = timestampMs(task.completionTime, resource, 'completionTime');
  if (startMs !== undefined && completionMs !== undefined && completionMs < startMs) {
    throw new GcpDataError(resource, 'completionTime', 'is before startTime');
  }
  const result = task.lastAttemptResult;
  const termSignal = result?.termSignal ?? 0;
  // At most one of exit code and term signal is set; proto3 reports the unset one as 0.
  const signalled = termSignal !== 0;
  return {
    fullName: resource,
    execution: `projects/${name.project}/locations/${name.region}/jobs/${name.job}/executions/${name.execution}`,
    index: countOf(task.index, resource, 'index'),
    attempts: countOf(task.retried, resource, 'retried') + 1,
    ...(result && !signalled && { lastExitCode: result.exitCode ?? 0 }),
    ...(result && signalled && { lastTermSignal: termSignal }),
    lastOutcome: attemptOutcome(result, completionMs !== undefined, task.conditions ?? []),
    ...(startMs !== undefined && { startMs }),
    ...(completionMs !== undefined && { completionMs }),
  };
}
