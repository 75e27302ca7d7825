/**
 * The projected effect of one limit set: durations from the duration model, OOM risk from the peak
 * memory distribution, timeout risk from the projected tail, and the expected billed cost of an
 * execution including the retries that OOMs and timeouts cause.
 */
import {
  exceedanceProbability,
  projectDurations,
  projectedMeanSeconds,
  type DurationModel,
} from '../model';
import type { Limits } from '../limits';
import type { PriceBook } from '../pricing';
import { oomProbability, type PeakDistribution } from './memory';
import type { Projection } from './types';

const BYTES_PER_GIB = 2 ** 30;
/** Each attempt is rounded up to 100 ms: on average half a step more than it ran. */
const MEAN_ROUNDING_SECONDS = 0.05;
export const DAYS_PER_MONTH = 30;

export type ProjectionContext = {
  /** Fitted on single runs: the timeout risk and the billed time of a run. */
  readonly model: DurationModel;
  /** The same scaling over whole executions (retries included): the durations users see. */
  readonly executionModel: DurationModel;
  readonly peaks: PeakDistribution;
  readonly priceBook: PriceBook;
  readonly executionsPerMonth: number;
  /** How long an OOM-killed attempt runs, as a share of a full run (1 when history has none). */
  readonly oomAttemptShare: number;
};

/**
 * Billed seconds of one execution: runs that succeed bill once; an execution that OOMs or times out
 * bills every allowed attempt (the failure repeats at the same limits), an OOM attempt for the share
 * of a run that OOM-killed attempts lasted in history, and a timed-out one for the timeout.
 */
function expectedBilledSeconds(
  meanSeconds: number,
  limits: Limits,
  pOom: number,
  pTimeout: number,
  oomAttemptShare: number,
): number {
  const attempts = limits.maxRetries + 1;
  const ok = Math.max(0, 1 - pOom - pTimeout);
  const run = meanSeconds + MEAN_ROUNDING_SECONDS;
  return (
    ok * run + pOom * attempts * run * oomAttemptShare + pTimeout * attempts * limits.timeoutSeconds
  );
}

export function projectLimits(context: ProjectionContext, limits: Limits): Projection {
  const durations = projectDurations(context.executionModel, limits.vcpu);
  const meanRunSeconds = projectedMeanSeconds(context.model, limits.vcpu);
  const pOom = oomProbability(context.peaks, limits.memoryBytes);
  const pTimeout = exceedanceProbability(context.model, limits.vcpu, limits.timeoutSeconds);
  const meanSeconds = Number.isFinite(meanRunSeconds) ? meanRunSeconds : 0;
  const seconds = expectedBilledSeconds(
    meanSeconds,
    limits,
    pOom,
    pTimeout,
    context.oomAttemptShare,
  );
  const { vcpuSecondUsd, gibSecondUsd } = context.priceBook;
  const costPerExecutionUsd =
    seconds * (limits.vcpu * vcpuSecondUsd + (limits.memoryBytes / BYTES_PER_GIB) * gibSecondUsd);
  return {
    vcpu: limits.vcpu,
    memoryBytes: limits.memoryBytes,
    timeoutSeconds: limits.timeoutSeconds,
    maxRetries: limits.maxRetries,
    p50Seconds: durations.p50Seconds,
    p95Seconds: durations.p95Seconds,
    p50IntervalSeconds: durations.p50IntervalSeconds,
    p95IntervalSeconds: durations.p95IntervalSeconds,
    oomProbability: pOom,
    timeoutProbability: pTimeout,
    costPerExecutionUsd,
    monthlyCostUsd: costPerExecutionUsd * context.executionsPerMonth,
  };
}
