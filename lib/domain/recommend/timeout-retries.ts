/**
 * Timeout from the projected tail and max retries from what history says retries achieve.
 */
import { MAX_TIMEOUT_SECONDS } from '../limits';
import { ObservationSet } from './observation-set';
import type { ExecutionObservation } from './types';

/** Timeout = projected p99 at the chosen vCPU × this, rounded up to a clean value. */
export const TIMEOUT_TAIL_FACTOR = 2;

/** Values people recognise on a dashboard; beyond the list, whole hours. */
export const CLEAN_TIMEOUTS_SECONDS = [
  60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600,
] as const;

export function cleanTimeoutSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return MAX_TIMEOUT_SECONDS;
  const clean = CLEAN_TIMEOUTS_SECONDS.find((value) => value >= seconds);
  if (clean !== undefined) return clean;
  return Math.min(MAX_TIMEOUT_SECONDS, Math.ceil(seconds / 3600) * 3600);
}

export function timeoutFromTail(p99Seconds: number, currentSeconds: number): number {
  if (!Number.isFinite(p99Seconds) || p99Seconds <= 0) return currentSeconds;
  return cleanTimeoutSeconds(p99Seconds * TIMEOUT_TAIL_FACTOR);
}

/** Retries kept when failures are deterministic, for the infrastructure failures retries do fix. */
export const RETRIES_WHEN_DETERMINISTIC = 1;

export type RetryAdvice = {
  readonly maxRetries: number;
  readonly deterministicFailures: number;
  readonly recoveredByRetry: number;
  readonly failures: number;
};

/**
 * An OOM or timeout retried at the same limits fails again, so its retries only add cost. Retries
 * are lowered when every failure was of that kind and no execution ever succeeded after a retry.
 */
export function adviseRetries(
  observations: readonly ExecutionObservation[] | ObservationSet,
  currentRetries: number,
): RetryAdvice {
  // Tallied over every execution as it is added (observation-set.ts).
  const {
    failed: failures,
    deterministicFailures,
    recoveredByRetry,
  } = ObservationSet.of(observations).tally;
  const lower = failures > 0 && deterministicFailures === failures && recoveredByRetry === 0;
  const maxRetries = lower ? Math.min(currentRetries, RETRIES_WHEN_DETERMINISTIC) : currentRetries;
  return { maxRetries, deterministicFailures, recoveredByRetry, failures };
}
