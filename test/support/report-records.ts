/** Small builders of Cloud Run records for the engine's tests. */
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import type { DistributionPoint, ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import type { JobReportInput } from '@/lib/domain/report/input';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';

export const GIB = 2 ** 30;
export const T0 = Date.UTC(2025, 2, 1);

let sequence = 0;

export function clips(count: number, sizeMb: number): string {
  return JSON.stringify({
    clips: Array.from({ length: count }, () => ({
      duration_s: 8,
      width: 1080,
      height: 1920,
      size_mb: sizeMb,
    })),
  });
}

export type ExecutionSpec = Partial<Omit<ExecutionRecord, 'limits' | 'payload'>> & {
  startMs?: number;
  seconds?: number;
  payload?: string | null;
  vcpu?: number;
  memoryGib?: number;
  timeoutSeconds?: number;
};

export function execution(spec: ExecutionSpec = {}): ExecutionRecord {
  sequence += 1;
  const id = spec.id ?? `job-e${sequence}`;
  const startMs = spec.startMs ?? T0;
  const running = spec.status === 'running';
  const completionMs = running
    ? undefined
    : (spec.completionMs ?? startMs + (spec.seconds ?? 60) * 1000);
  const raw = spec.payload === undefined ? clips(2, 15) : spec.payload;
  let payload: ExecutionRecord['payload'] = { state: 'absent' };
  if (raw !== null) {
    try {
      payload = { state: 'ok', raw, value: JSON.parse(raw) as unknown };
    } catch {
      payload = { state: 'unreadable', raw, reason: 'JOB_PAYLOAD is not JSON.' };
    }
  }
  const status = spec.status ?? 'succeeded';
  return {
    fullName: `projects/p/locations/r/jobs/job/executions/${id}`,
    project: 'p',
    region: 'r',
    id,
    job: 'job',
    createMs: startMs,
    startMs,
    ...(completionMs !== undefined && {
      completionMs,
      durationSeconds: (completionMs - startMs) / 1000,
    }),
    taskCount: 1,
    runningCount: running ? 1 : 0,
    succeededCount: status === 'succeeded' ? 1 : 0,
    failedCount: status === 'failed' ? 1 : 0,
    retriedCount: 0,
    cancelledCount: status === 'cancelled' ? 1 : 0,
    ...spec,
    status,
    limits: {
      vcpu: spec.vcpu ?? 2,
      memoryBytes: (spec.memoryGib ?? 4) * GIB,
      timeoutSeconds: spec.timeoutSeconds ?? 900,
      maxRetries: 2,
    },
    payload,
  };
}

export function task(of: ExecutionRecord, spec: Partial<TaskRecord> = {}): TaskRecord {
  return {
    fullName: `${of.fullName}/tasks/${of.id}-task${spec.index ?? 0}`,
    execution: of.fullName,
    index: 0,
    attempts: 1,
    lastOutcome: 'succeeded',
    ...(of.startMs !== undefined && { startMs: of.startMs }),
    ...(of.completionMs !== undefined && { completionMs: of.completionMs }),
    ...spec,
  };
}

/** One per-minute distribution with a single sample (or `count` equal samples) of `value`. */
export function minute(startMs: number, value: number, count = 1): DistributionPoint {
  const bounds = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
  const counts = new Array<number>(21).fill(0);
  counts[Math.min(20, Math.floor(value * 20))] = count;
  return {
    startMs,
    endMs: startMs + 60_000,
    count,
    mean: value,
    sumOfSquaredDeviation: 0,
    bucketBounds: bounds,
    bucketCounts: counts,
  };
}

/** Per-minute points from `fromMs` for `minutes` minutes, each with `value`. */
export function minutes(fromMs: number, count: number, value: number): DistributionPoint[] {
  return Array.from({ length: count }, (_, i) => minute(fromMs + i * 60_000, value));
}

const REPORT_DAY_MS = 86_400_000;

/** A report's input: two days from T0 of the default tiers on Tier 1 prices, read a day after. */
export function reportInput(overrides: Partial<JobReportInput> = {}): JobReportInput {
  return {
    project: 'p',
    region: 'r',
    job: 'job',
    window: { startMs: T0, endMs: T0 + 2 * REPORT_DAY_MS },
    policy: DEFAULT_TIER_POLICY,
    priceBook: findPriceBook('jobs-tier1') as PriceBook,
    objective: 'cost',
    nowMs: T0 + 3 * REPORT_DAY_MS,
    executions: [],
    ...overrides,
  };
}

/** The executions with exact task times, at 30% CPU and 25% memory of their limits for two days. */
export function measured(
  executions: ExecutionRecord[],
): Pick<JobReportInput, 'executions' | 'tasks' | 'cpuPoints' | 'memoryPoints'> {
  return {
    executions,
    tasks: executions.map((e) => task(e)),
    cpuPoints: minutes(T0, 2 * 24 * 60, 0.3),
    memoryPoints: minutes(T0, 2 * 24 * 60, 0.25),
  };
}
