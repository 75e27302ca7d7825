import type { SimExecution, World } from '../world/types';
import { formatExecutionName } from './names';
import { containerFields, timestamp } from './proto-shapes';

type CompletionStatus =
  'EXECUTION_SUCCEEDED' | 'EXECUTION_FAILED' | 'EXECUTION_RUNNING' | 'EXECUTION_CANCELLED';

/** How the execution stands, in Cloud Run's words (ExecutionReference and the Completed condition). */
export function executionStatus(execution: SimExecution) {
  let completionStatus: CompletionStatus = 'EXECUTION_RUNNING';
  if (execution.completionMs !== undefined) {
    if (execution.cancelledCount > 0) completionStatus = 'EXECUTION_CANCELLED';
    else if (execution.failedCount > 0) completionStatus = 'EXECUTION_FAILED';
    else completionStatus = 'EXECUTION_SUCCEEDED';
  }
  return { completionStatus };
}

function completedCondition(execution: SimExecution) {
  const { completionStatus } = executionStatus(execution);
  const at = execution.completionMs ?? execution.startMs ?? execution.createMs;
  const base = { type: 'Completed', lastTransitionTime: timestamp(at) };
  switch (completionStatus) {
    case 'EXECUTION_RUNNING':
      return { ...base, state: 'CONDITION_RECONCILING', message: 'The execution is running.' };
    case 'EXECUTION_SUCCEEDED':
      return {
        ...base,
        state: 'CONDITION_SUCCEEDED',
        message: `Execution completed successfully: ${execution.succeededCount} task(s) succeeded.`,
      };
    case 'EXECUTION_CANCELLED':
      return {
        ...base,
        state: 'CONDITION_FAILED',
        executionReason: 'CANCELLED',
        message: 'The execution was cancelled.',
      };
    case 'EXECUTION_FAILED':
      return {
        ...base,
        state: 'CONDITION_FAILED',
        executionReason: 'NON_ZERO_EXIT_CODE',
        message: `Task(s) failed: ${execution.failedCount} of ${execution.taskCount} task(s) failed after retries.`,
      };
  }
}

/** A google.cloud.run.v2.Execution as Cloud Run returns it. */
export function executionMessage(world: World, execution: SimExecution) {
  const running = execution.completionMs === undefined;
  const updateMs = execution.completionMs ?? execution.startMs ?? execution.createMs;
  return {
    name: formatExecutionName(world, execution.jobId, execution.id),
    uid: execution.uid,
    creator: 'tierwise-emulator@example.com',
    generation: '1',
    labels: {
      'run.googleapis.com/jobUid': world.getJob(execution.jobId)?.uid ?? '',
    },
    createTime: timestamp(execution.createMs),
    ...(execution.startMs !== undefined && { startTime: timestamp(execution.startMs) }),
    ...(!running && { completionTime: timestamp(execution.completionMs ?? 0) }),
    updateTime: timestamp(updateMs),
    launchStage: 'GA',
    job: execution.jobId,
    parallelism: execution.parallelism,
    taskCount: execution.taskCount,
    template: containerFields(execution.template),
    reconciling: running,
    conditions: [
      {
        type: 'ResourcesAvailable',
        state: 'CONDITION_SUCCEEDED',
        lastTransitionTime: timestamp(execution.createMs),
      },
      {
        type: 'Started',
        state: execution.startMs === undefined ? 'CONDITION_PENDING' : 'CONDITION_SUCCEEDED',
        lastTransitionTime: timestamp(execution.startMs ?? execution.createMs),
      },
      completedCondition(execution),
    ],
    observedGeneration: '1',
    runningCount: execution.runningCount,
    succeededCount: execution.succeededCount,
    failedCount: execution.failedCount,
    cancelledCount: execution.cancelledCount,
    retriedCount: execution.retriedCount,
    logUri: `https://console.cloud.google.com/logs/viewer?project=${world.project}&advancedFilter=labels."run.googleapis.com/execution_name"="${execution.id}"`,
    etag: `"${execution.uid}-${updateMs}"`,
  };
}
