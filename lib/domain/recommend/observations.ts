/**
 * Builds the recommendation's per-execution observations from what the report already worked out
 * for each execution: its record, attempt times and attributed usage.
 */
import type { ExecutionAttribution } from '../attribution';
import type { ExecutionRunTime } from '../cost';
import type { WorkloadFeatures } from '../payload';
import type { ExecutionRecord } from '../records';
import type { ExecutionObservation } from './types';

export type ExecutionFactsLike = {
  readonly execution: ExecutionRecord;
  readonly run: ExecutionRunTime;
  readonly attribution: ExecutionAttribution;
  readonly features: WorkloadFeatures | undefined;
};

/** The observation of a finished execution; undefined for one still running. */
export function observationFromFacts(facts: ExecutionFactsLike): ExecutionObservation | undefined {
  const { execution, run, attribution, features } = facts;
  if (execution.status === 'running') return undefined;
  const runSeconds =
    run.lastAttemptSeconds.length > 0 ? Math.max(...run.lastAttemptSeconds) : undefined;
  return {
    limits: execution.limits,
    status: execution.status,
    taskCount: Math.max(1, execution.taskCount),
    attempts: run.attempts,
    oomAttempts: run.failedAttempts.oom,
    timeoutAttempts: run.failedAttempts.timeout,
    runSeconds: runSeconds !== undefined && Number.isFinite(runSeconds) ? runSeconds : undefined,
    executionSeconds: execution.durationSeconds,
    inputMb: features?.totalMb,
    ...(features && {
      workload: {
        clipCount: features.clipCount,
        totalMb: features.totalMb,
        ...(features.maxPixels !== undefined && { maxMegapixels: features.maxPixels / 1e6 }),
        ...(features.totalMediaSeconds !== undefined && {
          mediaSeconds: features.totalMediaSeconds,
        }),
      },
    }),
    cpuUtilisation: attribution.cpuUtilisation,
    cpuSource: attribution.cpuSource,
    peakMemoryBytes: attribution.peakMemoryBytes,
    memorySource: attribution.memorySource,
  };
}
