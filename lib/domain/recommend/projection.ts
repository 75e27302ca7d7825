/**
 * The projected effect of one limit set: durations from the duration model, OOM risk from the fit of
 * peak memory to workload size, timeout risk from the projected tail, errors after retries from the
 * history's per-attempt error rate, and the expected billed cost of an execution including the
 * retries that OOMs and timeouts cause. Every failure risk comes with its upper end, which is what
 * the failure budget is checked against.
 */
import {
  exceedanceProbability,
  projectDurations,
  projectedMeanSeconds,
  type DurationModel,
} from '../model';
import type { Limits } from '../limits';
import type { PriceBook } from '../pricing';
import { failedFromErrors, type ErrorRate } from './budget';
import { oomRisk, type MemoryModel } from './memory-model';
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
  readonly memory: MemoryModel;
  readonly errors: ErrorRate;
  /** The failure budget as a share of executions. */
  readonly budgetRate: number;
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

/** Timeout risk at the estimated scaling and its upper end over the plausible range of scaling. */
export function timeoutRisk(
  model: DurationModel,
  vcpu: number,
  timeoutSeconds: number,
): { estimate: number; high: number } {
  const { low, estimate, high } = model.parallelFraction;
  const at = (q: number) => exceedanceProbability(model, vcpu, timeoutSeconds, q);
  const value = at(estimate);
  return { estimate: value, high: Math.max(value, at(low), at(high)) };
}

export function projectLimits(context: ProjectionContext, limits: Limits): Projection {
  const durations = projectDurations(context.executionModel, limits.vcpu);
  const meanRunSeconds = projectedMeanSeconds(context.model, limits.vcpu);
  const oom = oomRisk(context.memory, limits.memoryBytes);
  const timeout = timeoutRisk(context.model, limits.vcpu, limits.timeoutSeconds);
  const pOom = oom.estimate;
  const pTimeout = timeout.estimate;
  const errorProbability = failedFromErrors(context.errors.perAttempt, limits.maxRetries);
  const errorHigh = failedFromErrors(context.errors.perAttemptHigh, limits.maxRetries);
  const failureProbability = Math.min(1, pOom + pTimeout + errorProbability);
  const failureProbabilityHigh = Math.min(1, oom.high + timeout.high + errorHigh);
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
    oomProbabilityHigh: oom.high,
    timeoutProbabilityHigh: timeout.high,
    errorProbability,
    failureProbability,
    failureProbabilityHigh,
    withinBudget: failureProbabilityHigh <= context.budgetRate * (1 + 1e-9),
    costPerExecutionUsd,
    monthlyCostUsd: costPerExecutionUsd * context.executionsPerMonth,
  };
}

/**
 * Monthly cost of `limits` if the parallel fraction were `q`: the run time and timeout risk at that
 * scaling, the OOM risk as projected. For choosing robustly across the plausible range of q.
 */
export function monthlyCostAt(context: ProjectionContext, limits: Limits, q: number): number {
  const mean = projectedMeanSeconds(context.model, limits.vcpu, q);
  const pOom = oomRisk(context.memory, limits.memoryBytes).estimate;
  const pTimeout = exceedanceProbability(context.model, limits.vcpu, limits.timeoutSeconds, q);
  const seconds = expectedBilledSeconds(
    Number.isFinite(mean) ? mean : 0,
    limits,
    pOom,
    pTimeout,
    context.oomAttemptShare,
  );
  const { vcpuSecondUsd, gibSecondUsd } = context.priceBook;
  return (
    seconds *
    (limits.vcpu * vcpuSecondUsd + (limits.memoryBytes / BYTES_PER_GIB) * gibSecondUsd) *
    context.executionsPerMonth
  );
}
