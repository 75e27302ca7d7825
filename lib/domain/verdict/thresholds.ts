/**
 * The thresholds behind a tier's verdict. Rates are per attempt or per execution as named;
 * utilisation thresholds are fractions of the limit each execution ran with.
 */

/** Below this many completed executions a tier gets "not enough data". */
export const MIN_EXECUTIONS_FOR_VERDICT = 20;
/** Utilisation may judge a tier only when at least this share of executions has a figure. */
export const MIN_ATTRIBUTED_SHARE = 0.5;
/** OOM-killed attempts per attempt at or above which a tier is under-provisioned. */
export const OOM_RATE_UNDER = 0.01;
/** Timed-out attempts per attempt at or above which a tier is under-provisioned. */
export const TIMEOUT_RATE_UNDER = 0.01;
/** Billed retries per execution at or above which a tier is under-provisioned. */
export const RETRY_RATE_UNDER = 0.05;
/** p95 attempt duration at or above this share of the timeout: too close to being killed. */
export const DURATION_NEAR_TIMEOUT = 0.8;
/** p95 peak memory at or above this share of the limit: one larger input from an OOM. */
export const MEMORY_HIGH = 0.9;
/** Median CPU utilisation at or above this: the work waits for CPU. */
export const CPU_HIGH = 0.9;
/**
 * Executions measured alone (exact or sliced) needed before the "could be cut" checks judge on them
 * and leave out ambiguous upper bounds — the same rule the memory recommendation follows.
 */
export const MIN_MEASURED_FOR_LOW = 30;
/** p95 peak memory at or below this share of the limit: memory could be cut. */
export const MEMORY_LOW = 0.5;
/** p95 CPU utilisation at or below this: vCPU could be cut. */
export const CPU_LOW = 0.5;
/** The smallest limits Cloud Run jobs accept: a tier already there cannot give more back. */
export const MIN_VCPU = 1;
export const MIN_MEMORY_BYTES = 512 * 2 ** 20;
