import type { SimExecution, SimJob, World } from '../world/types';
import { executionStatus } from './execution-message';
import { formatExecutionName, formatJobName, type Place } from './names';
import { containerFields, timestamp } from './proto-shapes';

function latestExecution(place: Place, execution: SimExecution) {
  return {
    name: formatExecutionName(place, execution.jobId, execution.id),
    createTime: timestamp(execution.createMs),
    ...(execution.completionMs !== undefined && {
      completionTime: timestamp(execution.completionMs),
    }),
    completionStatus: executionStatus(execution).completionStatus,
  };
}

/** A google.cloud.run.v2.Job as Cloud Run returns it. */
export function jobMessage(world: World, job: SimJob) {
  const latest = job.latestExecutionId
    ? world.getExecution(job.id, job.latestExecutionId)
    : undefined;
  const ready = {
    type: 'Ready',
    state: 'CONDITION_SUCCEEDED',
    lastTransitionTime: timestamp(job.updateMs),
  };
  return {
    name: formatJobName(world, job.id),
    uid: job.uid,
    generation: String(job.generation),
    labels: { ...job.labels },
    createTime: timestamp(job.createMs),
    updateTime: timestamp(job.updateMs),
    creator: 'tierwise-emulator@example.com',
    lastModifier: 'tierwise-emulator@example.com',
    launchStage: 'GA',
    template: {
      parallelism: job.parallelism,
      taskCount: job.taskCount,
      template: containerFields(job.template),
    },
    observedGeneration: String(job.generation),
    terminalCondition: ready,
    conditions: [],
    executionCount: job.executionCount,
    ...(latest && { latestCreatedExecution: latestExecution(world, latest) }),
    reconciling: false,
    etag: job.etag,
  };
}
