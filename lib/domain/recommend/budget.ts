/**
 * The failure budget every recommendation keeps to: no more failed executions than today, and at
 * most `DEFAULT_MAX_FAILURE_RATE` of executions. A budget of none cannot be promised from any finite
 * history, so it is at least one failed execution a month (still within the cap). Projected failures
 * are checked at the upper end of their interval.
 */
import { ObservationSet } from './observation-set';
import type { ExecutionObservation, FailureBudget } from './types';

export const DEFAULT_MAX_FAILURE_RATE = 0.005;

export function failureBudget(
  observations: readonly ExecutionObservation[] | ObservationSet,
  executionsPerMonth: number,
  maxRate = DEFAULT_MAX_FAILURE_RATE,
): FailureBudget {
  const cap =
    Number.isFinite(maxRate) && maxRate > 0 && maxRate < 1 ? maxRate : DEFAULT_MAX_FAILURE_RATE;
  const { executions: n, failed } = ObservationSet.of(observations).tally;
  const todayRate = n > 0 ? failed / n : 0;
  const perMonth = Math.max(0, executionsPerMonth);
  const todayPerMonth = todayRate * perMonth;
  const capPerMonth = cap * perMonth;
  const allowed = Math.min(capPerMonth, Math.max(todayPerMonth, Math.min(1, capPerMonth)));
  return {
    rate: perMonth > 0 ? allowed / perMonth : cap,
    perMonth: allowed,
    todayRate,
    todayPerMonth,
    maxRate: cap,
  };
}

export type ErrorRate = { readonly perAttempt: number; readonly perAttemptHigh: number };

/**
 * Attempts that failed by themselves (neither OOM nor timeout) — transient errors a retry may fix.
 * Counted from attempts: a failed execution's attempts beyond its OOMs and timeouts, and a succeeded
 * execution's attempts beyond its tasks (each retried after a failure).
 */
export function errorRate(
  observations: readonly ExecutionObservation[] | ObservationSet,
): ErrorRate {
  // Tallied over every execution as it is added (observation-set.ts).
  const { attempts, erredAttempts: errors } = ObservationSet.of(observations).tally;
  if (attempts === 0) return { perAttempt: 0, perAttemptHigh: 0 };
  const p = errors / attempts;
  // Wilson upper bound at 95 %.
  const z = 1.96;
  const high =
    (p +
      (z * z) / (2 * attempts) +
      z * Math.sqrt((p * (1 - p)) / attempts + (z * z) / (4 * attempts * attempts))) /
    (1 + (z * z) / attempts);
  return { perAttempt: p, perAttemptHigh: Math.min(1, high) };
}

/** An execution fails from errors when every allowed attempt errs. */
export function failedFromErrors(perAttempt: number, maxRetries: number): number {
  return perAttempt ** (Math.max(0, maxRetries) + 1);
}
