import type { protos } from '@google-cloud/run';
import type { TaskOutcome, TaskRecord } from '@/lib/domain/records';
import { GcpDataError, GrpcCode } from '../errors';
import { countOf, parseResourceName, timestampMs } from './proto-values';

export type ProtoTask = protos.google.cloud.run.v2.ITask;
type AttemptResult = protos.google.cloud.run.v2.ITaskAttemptResult;

/** The kernel's OOM killer ends the container with SIGKILL, which a shell reports as 128 + 9. */
export const OOM_EXIT_CODE = 137;
/** Cloud Run kills an attempt that reaches the task timeout with SIGKILL. */
export const TIMEOUT_TERM_SIGNAL = 9;
const TIMEOUT_WORDS = /timed? ?out|deadline exceeded/i;

export function attemptOutcome(
  result: AttemptResult | null | undefined,
  completed: boolean,
): TaskOutcome {
  if (!completed) return 'running';
  if (!result) return 'unknown';
  const exitCode = result.exitCode ?? 0;
  const termSignal = result.termSignal ?? 0;
  const statusCode = result.status?.code ?? 0;
  if (exitCode === OOM_EXIT_CODE) return 'oom';
  if (termSignal === TIMEOUT_TERM_SIGNAL) return 'timeout';
  if (
    statusCode === GrpcCode.DEADLINE_EXCEEDED ||
    TIMEOUT_WORDS.test(result.status?.message ?? '')
  ) {
    return 'timeout';
  }
  if (exitCode === 0 && termSignal === 0 && statusCode === 0) return 'succeeded';
  return 'error';
}

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
    lastOutcome: attemptOutcome(result, completionMs !== undefined),
    ...(startMs !== undefined && { startMs }),
    ...(completionMs !== undefined && { completionMs }),
  };
}
