import type { SimEnvVar, SimJob } from '../world/types';
import { executionSuffix, uuidFor } from './ids';
import { attemptNoise, planTasks, type PlanLimits } from './plan';
import { substream } from './prng';
import { parseMemoryBytes, parseVcpu } from './quantities';
import type { Physics, ScenarioStream } from './scenario';
import type { PlannedExecution } from './view';
import { featuresOf, tierOf, type Workload } from './workload';

export interface SpawnRequest {
  readonly key: string;
  readonly createMs: number;
  readonly job: SimJob;
  readonly workload: Workload;
  readonly physics: Physics;
  readonly stream?: ScenarioStream;
  readonly envOverrides: readonly SimEnvVar[];
  readonly payloadReadable: boolean;
  readonly taskCount?: number;
  readonly timeoutSeconds?: number;
}

/** The numbers behind a job's limits; quantities were checked when the job was written. */
export function planLimits(job: SimJob, timeoutSeconds?: number): PlanLimits {
  const vcpu = parseVcpu(job.template.limits.cpu);
  const memoryBytes = parseMemoryBytes(job.template.limits.memory);
  if (vcpu === undefined || memoryBytes === undefined) {
    throw new Error(`job ${job.id} has unreadable limits ${JSON.stringify(job.template.limits)}`);
  }
  let sidecarVcpu = 0;
  let sidecarMemoryBytes = 0;
  for (const sidecar of job.template.sidecars ?? []) {
    sidecarVcpu += parseVcpu(sidecar.limits.cpu) ?? 0;
    sidecarMemoryBytes += parseMemoryBytes(sidecar.limits.memory) ?? 0;
  }
  return {
    vcpu,
    memoryBytes,
    timeoutSeconds: timeoutSeconds ?? job.template.timeoutSeconds,
    maxRetries: job.template.maxRetries,
    ...(sidecarVcpu + sidecarMemoryBytes > 0 && { sidecarVcpu, sidecarMemoryBytes }),
  };
}

/** Names an execution: JOB-xxxxx, rehashing on the rare clash with an existing name. */
export function executionId(
  seed: number,
  jobId: string,
  key: string,
  taken: ReadonlySet<string>,
): string {
  for (let attempt = 0; ; attempt += 1) {
    const id = `${jobId}-${executionSuffix(seed, jobId, key, attempt)}`;
    if (!taken.has(id)) return id;
  }
}

/** Decides an execution's whole run from the job's template in force at its creation. */
export function spawnExecution(
  seed: number,
  request: SpawnRequest,
  taken: ReadonlySet<string>,
): PlannedExecution {
  const { job, key, createMs, physics } = request;
  const names = new Set(request.envOverrides.map((v) => v.name));
  const env = [...job.template.env.filter((v) => !names.has(v.name)), ...request.envOverrides];
  const limits = planLimits(job, request.timeoutSeconds);
  const template = { ...job.template, env, timeoutSeconds: limits.timeoutSeconds };
  const features = featuresOf(request.workload);
  const delay = substream(seed, 'schedule', key).uniform(
    physics.schedulingDelaySeconds.min,
    physics.schedulingDelaySeconds.max,
  );
  const taskCount = request.taskCount ?? job.taskCount;
  const plan = planTasks(
    createMs + Math.round(delay * 1000),
    taskCount,
    job.parallelism,
    features,
    limits,
    physics,
    (task, attempt) => attemptNoise(seed, key, task, attempt, physics),
  );
  return {
    key,
    ...(request.stream && { streamName: request.stream.name }),
    id: executionId(seed, job.id, key, taken),
    jobId: job.id,
    uid: uuidFor(seed, `execution|${job.id}|${key}`),
    jobGeneration: job.generation,
    createMs,
    template,
    taskCount,
    parallelism: job.parallelism,
    plan,
    limits,
    physics,
    workload: request.workload,
    features,
    tier: tierOf(features),
    payloadReadable: request.payloadReadable,
  };
}
