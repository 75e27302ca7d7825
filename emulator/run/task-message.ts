import * as grpc from '@grpc/grpc-js';
import type { SimAttempt, SimExecution, SimTask, World } from '../world/types';
import { formatTaskName } from './names';
import { parseMemoryBytes } from './limits';
import { containerFields, timestamp } from './proto-shapes';

const MIB = 2 ** 20;

/**
 * Cloud Run's own wording for each end, as recorded from real payloads (sources in
 * lib/gcp/__fixtures__/task-failures.json): the memory-limit message, "The configured timeout was
 * reached." and "The container exited with an error." An OOM kill is at the limit in the simulator.
 */
function attemptStatus(attempt: SimAttempt, execution: SimExecution) {
  switch (attempt.outcome) {
    case 'succeeded':
      return { code: grpc.status.OK, message: '' };
    case 'oom': {
      const limitMiB = Math.round((parseMemoryBytes(execution.template.limits.memory) ?? 0) / MIB);
      return {
        code: grpc.status.UNKNOWN,
        message: `Memory limit of ${limitMiB} MiB exceeded with ${limitMiB} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`,
      };
    }
    case 'timeout':
      return {
        code: grpc.status.DEADLINE_EXCEEDED,
        message: 'The configured timeout was reached.',
      };
    default:
      return { code: grpc.status.UNKNOWN, message: 'The container exited with an error.' };
  }
}

/** Only a finished attempt has a result; Cloud Run reports none while the attempt runs. */
function lastAttemptResult(attempt: SimAttempt | undefined, execution: SimExecution) {
  if (!attempt || attempt.outcome === 'running') return undefined;
  return {
    status: attemptStatus(attempt, execution),
    exitCode: attempt.exitCode ?? 0,
    termSignal: attempt.termSignal ?? 0,
  };
}

/** A task is over when it succeeded, ran out of retries, or its execution ended. */
function taskOver(task: SimTask, execution: SimExecution): boolean {
  const last = task.attempts.at(-1);
  if (!last || last.outcome === 'running') return false;
  if (last.outcome === 'succeeded') return true;
  return (
    task.attempts.length > execution.template.maxRetries || execution.completionMs !== undefined
  );
}

function completedCondition(task: SimTask, execution: SimExecution, over: boolean) {
  const last = task.attempts.at(-1);
  const at = last?.endMs ?? last?.startMs ?? execution.createMs;
  if (!over)
    return { type: 'Completed', state: 'CONDITION_RECONCILING', lastTransitionTime: timestamp(at) };
  const succeeded = last?.outcome === 'succeeded';
  return {
    type: 'Completed',
    state: succeeded ? 'CONDITION_SUCCEEDED' : 'CONDITION_FAILED',
    lastTransitionTime: timestamp(at),
    ...(!succeeded && { executionReason: 'NON_ZERO_EXIT_CODE' }),
    message: succeeded
      ? 'Completed successfully.'
      : (last && attemptStatus(last, execution).message) || 'Task failed.',
  };
}

/** A google.cloud.run.v2.Task as Cloud Run returns it: only the last attempt is visible. */
export function taskMessage(world: World, execution: SimExecution, task: SimTask) {
  const first = task.attempts[0];
  const last = task.attempts.at(-1);
  const over = taskOver(task, execution);
  const result = lastAttemptResult(last, execution);
  const updateMs = last?.endMs ?? last?.startMs ?? execution.createMs;
  return {
    name: formatTaskName(world, execution.jobId, execution.id, task.index),
    uid: `${execution.uid}-task${task.index}`,
    generation: '1',
    labels: {},
    createTime: timestamp(execution.createMs),
    ...(first && { scheduledTime: timestamp(first.startMs) }),
    ...(last && { startTime: timestamp(last.startMs) }),
    ...(over && last?.endMs !== undefined && { completionTime: timestamp(last.endMs) }),
    updateTime: timestamp(updateMs),
    job: execution.jobId,
    execution: execution.id,
    ...containerFields(execution.template),
    reconciling: !over,
    conditions: [completedCondition(task, execution, over)],
    observedGeneration: '1',
    index: task.index,
    retried: Math.max(0, task.attempts.length - 1),
    ...(result && { lastAttemptResult: result }),
    etag: `"${execution.uid}-task${task.index}-${updateMs}"`,
  };
}
