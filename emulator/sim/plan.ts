import {
  simulateAttempt,
  type AttemptLimits,
  type AttemptNoise,
  type AttemptResult,
} from './physics';
import { substream } from './prng';
import type { Physics } from './scenario';
import type { WorkloadFeatures } from './workload';

export interface PlannedAttempt {
  readonly startMs: number;
  readonly endMs: number;
  readonly result: AttemptResult;
}

export interface PlannedTask {
  readonly index: number;
  readonly attempts: readonly PlannedAttempt[];
}

export interface TaskPlan {
  readonly startMs: number;
  readonly completionMs: number;
  readonly tasks: readonly PlannedTask[];
}

export interface PlanLimits extends AttemptLimits {
  readonly maxRetries: number;
  /** The sidecars' limits, summed: allocated and billed with the main container's. */
  readonly sidecarVcpu?: number;
  readonly sidecarMemoryBytes?: number;
}

/** Draws every random figure one attempt needs from its own substream. */
export function attemptNoise(
  seed: number,
  executionKey: string,
  taskIndex: number,
  attemptIndex: number,
  physics: Physics,
): AttemptNoise {
  const rng = substream(seed, 'attempt', executionKey, taskIndex, attemptIndex);
  const duration = rng.logNormal(physics.durationNoiseSigma);
  const memory = rng.logNormal(physics.memoryNoiseSigma);
  const failing = rng.chance(physics.transientErrorRate);
  const errorAtFraction = rng.uniform(0.05, 0.95);
  const retryDelaySeconds = rng.uniform(
    physics.retryDelaySeconds.min,
    physics.retryDelaySeconds.max,
  );
  return { duration, memory, retryDelaySeconds, ...(failing && { errorAtFraction }) };
}

function runTask(
  index: number,
  startMs: number,
  features: WorkloadFeatures,
  limits: PlanLimits,
  physics: Physics,
  noiseOf: (task: number, attempt: number) => AttemptNoise,
): PlannedTask {
  const attempts: PlannedAttempt[] = [];
  let at = startMs;
  for (let a = 0; a <= limits.maxRetries; a += 1) {
    const noise = noiseOf(index, a);
    if (a > 0) at += Math.round(noise.retryDelaySeconds * 1000);
    const result = simulateAttempt(features, limits, physics, noise);
    // Whole milliseconds, at least one, so every attempt has a visible span.
    const endMs = at + Math.max(1, Math.round(result.durationSeconds * 1000));
    attempts.push({ startMs: at, endMs, result });
    at = endMs;
    if (result.outcome === 'succeeded') break;
  }
  return { index, attempts };
}

/** Runs every task of an execution, `parallelism` at a time (0 = all at once). */
export function planTasks(
  startMs: number,
  taskCount: number,
  parallelism: number,
  features: WorkloadFeatures,
  limits: PlanLimits,
  physics: Physics,
  noiseOf: (task: number, attempt: number) => AttemptNoise,
): TaskPlan {
  const slots = parallelism <= 0 ? taskCount : Math.min(parallelism, taskCount);
  const freeAt = Array.from({ length: slots }, () => startMs);
  const tasks: PlannedTask[] = [];
  for (let i = 0; i < taskCount; i += 1) {
    const slot = freeAt.indexOf(Math.min(...freeAt));
    const task = runTask(i, freeAt[slot] ?? startMs, features, limits, physics, noiseOf);
    freeAt[slot] = task.attempts.at(-1)?.endMs ?? startMs;
    tasks.push(task);
  }
  // Cloud Run marks the execution complete shortly after its last task stops.
  const completionMs = Math.max(...tasks.map((t) => t.attempts.at(-1)?.endMs ?? startMs)) + 1000;
  return { startMs, completionMs, tasks };
}
