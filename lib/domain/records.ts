/**
 * What Tierwise reads from Cloud Run Admin and Cloud Monitoring, as plain serialisable values:
 * times in epoch milliseconds, CPU in vCPU, memory in bytes, durations in seconds. lib/gcp produces
 * these from Google's protobuf shapes; the pure engine takes them as inputs.
 */

/** The limits of one task attempt, as a job or an execution's own template states them. */
export interface ResourceLimits {
  /** The main (first) container's: what a limits change sets; sidecars are on the record. */
  readonly vcpu: number;
  readonly memoryBytes: number;
  /** Per attempt, as Cloud Run applies it. */
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
}

/** A container after the first (a sidecar): billed with the main one, kept as it is by a change. */
export interface SidecarLimits {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryBytes: number;
}

export interface JobRecord {
  readonly project: string;
  readonly region: string;
  /** Short id, e.g. `reel-stitching-job`. */
  readonly name: string;
  /** `projects/P/locations/R/jobs/ID`. */
  readonly fullName: string;
  readonly generation: number;
  /** Optimistic-concurrency token to send back with an update. */
  readonly etag: string;
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  /** The job's other containers, when it has any. */
  readonly sidecars?: readonly SidecarLimits[];
  readonly taskCount: number;
  readonly parallelism: number;
  readonly serviceAccount: string;
  readonly image: string;
  readonly updateMs: number;
  readonly executionCount: number;
  /** Plain env vars of the first container; vars set from secrets are left out. */
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export const EXECUTION_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** The execution's JOB_PAYLOAD env var: parsed, kept raw with the reason it failed, or missing. */
export type ExecutionPayload =
  | { readonly state: 'ok'; readonly raw: string; readonly value: unknown }
  | { readonly state: 'unreadable'; readonly raw: string; readonly reason: string }
  | { readonly state: 'absent' };

export interface ExecutionRecord {
  /** `projects/P/locations/R/jobs/JOB/executions/ID`. */
  readonly fullName: string;
  readonly project: string;
  readonly region: string;
  /** Short execution id, e.g. `reel-stitching-job-x7k2p`. */
  readonly id: string;
  /** Short job id. */
  readonly job: string;
  readonly createMs: number;
  readonly startMs?: number;
  readonly completionMs?: number;
  /** completion − start, when both are known. */
  readonly durationSeconds?: number;
  readonly status: ExecutionStatus;
  readonly taskCount: number;
  readonly runningCount: number;
  readonly succeededCount: number;
  readonly failedCount: number;
  readonly retriedCount: number;
  readonly cancelledCount: number;
  /** From the execution's own template: what it actually ran with. */
  readonly limits: ResourceLimits;
  /** The template's other containers, when it has any: billed with `limits`. */
  readonly sidecars?: readonly SidecarLimits[];
  readonly payload: ExecutionPayload;
}

export const TASK_OUTCOMES = [
  'succeeded',
  'oom',
  'timeout',
  'error',
  'running',
  'unknown',
] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** Cloud Run exposes only a task's last attempt; earlier attempts are known by count alone. */
export interface TaskRecord {
  readonly fullName: string;
  /** Full name of the execution the task belongs to. */
  readonly execution: string;
  readonly index: number;
  /** retried + 1. */
  readonly attempts: number;
  readonly lastExitCode?: number;
  readonly lastTermSignal?: number;
  readonly lastOutcome: TaskOutcome;
  readonly startMs?: number;
  readonly completionMs?: number;
}

/**
 * One aligned Monitoring distribution. `bucketBounds` are the finite boundaries b0 < b1 < …;
 * `bucketCounts` has one more entry: [−∞, b0), [b0, b1), …, [b_last, +∞).
 */
export interface DistributionPoint {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  readonly mean: number;
  readonly sumOfSquaredDeviation: number;
  readonly bucketBounds: readonly number[];
  readonly bucketCounts: readonly number[];
}

/** A utilisation distribution: values are fractions of the limit, 0–1. */
export type UtilisationPoint = DistributionPoint;

export interface NumericPoint {
  readonly startMs: number;
  readonly endMs: number;
  readonly value: number;
}

export type UtilisationResource = 'cpu' | 'memory';

export interface UtilisationSeries {
  readonly job: string;
  /** The job's region (`resource.labels.location`), when Monitoring names it. */
  readonly region?: string;
  readonly resource: UtilisationResource;
  /** Oldest first, one per alignment period. */
  readonly points: readonly UtilisationPoint[];
}

export interface AllocationPoint {
  readonly startMs: number;
  readonly endMs: number;
  readonly vcpuSeconds: number;
  readonly gibSeconds: number;
}

/** Billed allocation per period: multiplied by prices it is the billing truth for one job. */
export interface AllocationSeries {
  readonly job: string;
  /** The job's region (`resource.labels.location`), when Monitoring names it. */
  readonly region?: string;
  readonly points: readonly AllocationPoint[];
}

export interface CompletedExecutionsSeries {
  readonly job: string;
  /** The job's region (`resource.labels.location`), when Monitoring names it. */
  readonly region?: string;
  readonly result: 'succeeded' | 'failed';
  /** One per period, `value` = executions completed in it. */
  readonly points: readonly NumericPoint[];
}

/** Exact per-execution usage reported by the job itself through log-based metrics. */
export interface ExecutionUsage {
  /** Short execution id as the job logged it. */
  readonly execution: string;
  readonly peakMemoryBytes?: number;
  readonly cpuSeconds?: number;
}

/** A value Google sent that could not be used and was left out of a partial answer. */
export interface DataWarning {
  readonly resource: string;
  readonly field: string;
  readonly problem: string;
}
