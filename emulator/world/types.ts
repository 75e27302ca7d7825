/**
 * The emulator's picture of one Google Cloud project: what Cloud Run Admin and Cloud Monitoring
 * would report. The simulator (emulator/sim) builds and advances it; the gRPC services
 * (emulator/run, emulator/monitoring) only read it and apply job updates through it.
 * Times are epoch milliseconds; quantities are Cloud Run strings where Cloud Run uses strings.
 */

export interface SimContainerLimits {
  /** Cloud Run quantity, e.g. "2" or "1000m". */
  readonly cpu: string;
  /** Cloud Run quantity, e.g. "4Gi" or "512Mi". */
  readonly memory: string;
}

export interface SimEnvVar {
  readonly name: string;
  readonly value: string;
}

/** A container after the first: it runs beside the main one and is billed with it. */
export interface SimSidecar {
  readonly name: string;
  readonly image: string;
  readonly limits: SimContainerLimits;
}

/** The task template of a job or an execution (the parts Tierwise reads). */
export interface SimTaskTemplate {
  readonly image: string;
  /** The main (first) container's. */
  readonly limits: SimContainerLimits;
  /** Other containers, when the job has any. */
  readonly sidecars?: readonly SimSidecar[];
  readonly env: readonly SimEnvVar[];
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  readonly serviceAccount: string;
}

export interface SimJob {
  /** Short id, e.g. "reel-stitching-job"; the full name is projects/P/locations/R/jobs/ID. */
  readonly id: string;
  readonly uid: string;
  readonly generation: number;
  readonly etag: string;
  readonly createMs: number;
  readonly updateMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taskCount: number;
  readonly parallelism: number;
  readonly template: SimTaskTemplate;
  /** Number of executions ever created, as Job.execution_count. */
  readonly executionCount: number;
  /** Short id of the newest execution, if any. */
  readonly latestExecutionId?: string;
}

export type AttemptOutcome = 'succeeded' | 'oom' | 'timeout' | 'error' | 'running';

export interface SimAttempt {
  readonly startMs: number;
  /** Undefined while the attempt is still running at the world's `now`. */
  readonly endMs?: number;
  readonly outcome: AttemptOutcome;
  /** 0 on success, 137 on OOM kill inside the container, other non-zero on error. */
  readonly exitCode?: number;
  /** 9 (SIGKILL) when the system killed the attempt: at the timeout or its memory limit. */
  readonly termSignal?: number;
}

export interface SimTask {
  readonly index: number;
  readonly attempts: readonly SimAttempt[];
}

export interface SimExecution {
  /** Short id, e.g. "reel-stitching-job-x7k2p"; the full name adds .../jobs/JOB/executions/ID. */
  readonly id: string;
  readonly jobId: string;
  readonly uid: string;
  /** Job generation the execution was created from. */
  readonly jobGeneration: number;
  readonly createMs: number;
  readonly startMs?: number;
  /** Undefined while running. */
  readonly completionMs?: number;
  /** The template actually used, including env overrides such as JOB_PAYLOAD. */
  readonly template: SimTaskTemplate;
  readonly taskCount: number;
  readonly parallelism: number;
  readonly tasks: readonly SimTask[];
  readonly runningCount: number;
  readonly succeededCount: number;
  readonly failedCount: number;
  readonly retriedCount: number;
  readonly cancelledCount: number;
}

/** Monitoring value types and kinds, named as in google.api.MetricDescriptor. */
export type SimMetricKind = 'GAUGE' | 'DELTA' | 'CUMULATIVE';
export type SimValueType = 'DOUBLE' | 'INT64' | 'DISTRIBUTION';

export type SimBucketOptions =
  | { readonly exponential: { numFiniteBuckets: number; growthFactor: number; scale: number } }
  | { readonly linear: { numFiniteBuckets: number; width: number; offset: number } }
  | { readonly explicit: { bounds: readonly number[] } };

export interface SimDistribution {
  readonly count: number;
  readonly mean: number;
  readonly sumOfSquaredDeviation: number;
  readonly bucketOptions: SimBucketOptions;
  /** Underflow bucket first, overflow bucket last, as google.api.Distribution. */
  readonly bucketCounts: readonly number[];
}

export interface SimPoint {
  /** Interval start (exclusive for DELTA) and end; for GAUGE start === end. */
  readonly startMs: number;
  readonly endMs: number;
  /** number for DOUBLE/INT64, SimDistribution for DISTRIBUTION. */
  readonly value: number | SimDistribution;
}

export interface SimSeries {
  readonly metricType: string;
  readonly metricLabels: Readonly<Record<string, string>>;
  readonly resourceType: 'cloud_run_job';
  /** project_id, job_name, location. */
  readonly resourceLabels: Readonly<Record<string, string>>;
  readonly metricKind: SimMetricKind;
  readonly valueType: SimValueType;
  readonly unit: string;
  /** Oldest first, non-overlapping, each 60 s long for the built-in metrics. */
  readonly points: readonly SimPoint[];
}

export interface SimJobUpdate {
  readonly template: SimTaskTemplate;
  readonly taskCount: number;
  readonly parallelism: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface SimRunOverrides {
  readonly env?: readonly SimEnvVar[];
  readonly taskCount?: number;
  readonly timeoutSeconds?: number;
}

/** What the gRPC services need from the simulated project. */
export interface World {
  readonly project: string;
  readonly region: string;
  /** The simulated present; nothing after it is visible. */
  now(): number;
  listJobs(): readonly SimJob[];
  getJob(jobId: string): SimJob | undefined;
  /**
   * Executions of one job, or of every job when jobId is undefined, newest first: only those
   * Cloud Run Admin still keeps (its history is limited; Monitoring's is longer).
   */
  listExecutions(jobId?: string): readonly SimExecution[];
  getExecution(jobId: string, executionId: string): SimExecution | undefined;
  /** Replaces the job's template; bumps generation and etag. Validation happens in the service. */
  updateJob(jobId: string, update: SimJobUpdate): SimJob;
  /**
   * A new job at generation 1, created now; no scenario stream feeds it, so it runs only when
   * RunJob starts it. The id must be free; validation happens in the service.
   */
  createJob(jobId: string, spec: SimJobUpdate): SimJob;
  /** Starts an execution now with the job's current template and the overrides. */
  runJob(jobId: string, overrides?: SimRunOverrides): SimExecution;
  /** Moves the clock forward, generating the executions and series that happen meanwhile. */
  advanceTo(ms: number): void;
  /** Every time series the project has, up to now(), for one metric type. */
  timeSeries(metricType: string): readonly SimSeries[];
  /** Metric types served, with their kind/value type/unit, for the Monitoring service. */
  metricTypes(): readonly string[];
}
