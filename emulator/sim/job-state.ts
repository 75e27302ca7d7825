import type { SimJob, SimJobUpdate, SimTaskTemplate } from '../world/types';
import { etagFor, uuidFor } from './ids';
import type { ScenarioJob } from './scenario';

const DAY_MS = 86_400_000;
/** Jobs exist a while before the simulated window opens. */
const JOB_AGE_BEFORE_WINDOW_MS = 14 * DAY_MS;

export interface ScheduledLimits {
  readonly atMs: number;
  readonly cpu: string;
  readonly memory: string;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
}

/** One job's mutable state: the Admin API view plus the limit changes still to come. */
export interface JobState {
  job: SimJob;
  readonly perExecutionMetrics: boolean;
  pending: ScheduledLimits[];
}

/** `from` of a limits entry in epoch ms: days after the window start, or an ISO time. */
function fromMs(from: number | string, windowStartMs: number): number {
  return typeof from === 'number' ? windowStartMs + Math.round(from * DAY_MS) : Date.parse(from);
}

function templateWith(
  base: Omit<SimTaskTemplate, 'limits' | 'timeoutSeconds' | 'maxRetries'>,
  limits: ScheduledLimits,
): SimTaskTemplate {
  return {
    ...base,
    limits: { cpu: limits.cpu, memory: limits.memory },
    timeoutSeconds: limits.timeoutSeconds,
    maxRetries: limits.maxRetries,
  };
}

/** The job as it stood when the window opened, and its later scheduled limit changes. */
export function initialJobState(seed: number, job: ScenarioJob, windowStartMs: number): JobState {
  const schedule: ScheduledLimits[] = job.limits
    .map((entry) => ({ ...entry, atMs: fromMs(entry.from, windowStartMs) }))
    .sort((a, b) => a.atMs - b.atMs);
  const inForce = schedule.filter((s) => s.atMs <= windowStartMs).at(-1) ?? schedule[0]!;
  const createMs = Math.min(windowStartMs - JOB_AGE_BEFORE_WINDOW_MS, inForce.atMs);
  const base = { image: job.image, env: job.env, serviceAccount: job.serviceAccount };
  return {
    job: {
      id: job.id,
      uid: uuidFor(seed, `job|${job.id}`),
      generation: 1,
      etag: etagFor(seed, job.id, 1, createMs),
      createMs,
      updateMs: createMs,
      labels: job.labels,
      taskCount: job.taskCount,
      parallelism: job.parallelism,
      template: templateWith(base, inForce),
      executionCount: 0,
    },
    perExecutionMetrics: job.perExecutionMetrics,
    pending: schedule.filter((s) => s.atMs > windowStartMs),
  };
}

/** A job created through the API now: generation 1, no executions, nothing scheduled. */
export function createdJobState(
  seed: number,
  jobId: string,
  spec: SimJobUpdate,
  atMs: number,
): JobState {
  return {
    job: {
      id: jobId,
      uid: uuidFor(seed, `job|${jobId}|created|${atMs}`),
      generation: 1,
      etag: etagFor(seed, jobId, 1, atMs),
      createMs: atMs,
      updateMs: atMs,
      ...spec,
      executionCount: 0,
    },
    perExecutionMetrics: false,
    pending: [],
  };
}

/** A new generation of the job with a fresh etag. */
export function nextGeneration(
  seed: number,
  job: SimJob,
  update: SimJobUpdate,
  atMs: number,
): SimJob {
  const generation = job.generation + 1;
  return {
    ...job,
    ...update,
    generation,
    etag: etagFor(seed, job.id, generation, atMs),
    updateMs: atMs,
  };
}

/** The update a scheduled limit change makes: only the limits, timeout and retries change. */
export function scheduledUpdate(job: SimJob, limits: ScheduledLimits): SimJobUpdate {
  return {
    template: templateWith(job.template, limits),
    taskCount: job.taskCount,
    parallelism: job.parallelism,
    labels: job.labels,
  };
}
