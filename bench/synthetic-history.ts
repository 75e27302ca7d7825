/**
 * A deterministic in-process history for the engine benchmark, shaped like what lib/gcp hands the
 * report: executions of four tiers over 30 days with a limit change halfway, one task each (OOMs
 * retried), per-minute utilisation, hourly allocation and per-execution usage the job logs itself.
 */
import type { JobReportInput } from '@/lib/domain/report';
import type {
  AllocationPoint,
  DistributionPoint,
  ExecutionRecord,
  ExecutionUsage,
  TaskRecord,
} from '@/lib/domain/records';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import type { PriceBook } from '@/lib/domain/pricing';

const GiB = 2 ** 30;
const MINUTE_MS = 60_000;
const DAYS = 30;
export const SYNTHETIC_NOW_MS = Date.UTC(2025, 4, 20);
const START_MS = SYNTHETIC_NOW_MS - DAYS * 86_400_000;
const PARENT = 'projects/bench/locations/us-central1/jobs/reel';

/** A few hundred distinct payloads, parsed once, stand in for a listing's parsed JOB_PAYLOADs. */
const PAYLOADS = Array.from({ length: 257 }, (_, k) => {
  const clips = 2 + (k % 11);
  const sizeMb = 8 + ((k * 13) % 50);
  const value = {
    clips: Array.from({ length: clips }, () => ({
      duration_s: 8,
      width: 1080,
      height: 1920,
      size_mb: sizeMb,
    })),
  };
  return { clips, totalMb: clips * sizeMb, payload: { state: 'ok', raw: '', value } as const };
});

function minutePoint(startMs: number, value: number): DistributionPoint {
  const counts = new Array<number>(21).fill(0);
  counts[Math.min(20, Math.floor(value * 20))] = 2;
  return {
    startMs,
    endMs: startMs + MINUTE_MS,
    count: 2,
    mean: value,
    sumOfSquaredDeviation: 0.001,
    bucketBounds: Array.from({ length: 20 }, (_, i) => (i + 1) / 20),
    bucketCounts: counts,
  };
}

type Built = {
  executions: ExecutionRecord[];
  tasks: TaskRecord[];
  usage: ExecutionUsage[];
};

function executionsOf(count: number): Built {
  const executions: ExecutionRecord[] = new Array(count);
  const tasks: TaskRecord[] = new Array(count);
  const usage: ExecutionUsage[] = new Array(count);
  const spacingMs = (DAYS * 86_400_000) / count;
  for (let k = 0; k < count; k += 1) {
    const shape = PAYLOADS[(k * 31) % PAYLOADS.length]!;
    const vcpu = k < count / 2 ? 2 : 4;
    const runSeconds = 1.2 * shape.totalMb * (0.25 + 0.75 / vcpu) * (1 + 0.1 * Math.sin(k));
    // 4K-sized uploads of the largest tiers now and then run out of memory and are retried.
    const oom = shape.totalMb >= 300 && k % 50 === 0;
    const attempts = oom ? 3 : 1;
    const startMs = Math.round(START_MS + k * spacingMs);
    const completionMs = startMs + Math.round(attempts * runSeconds * 1000);
    const id = `reel-${k.toString(36)}`;
    const fullName = `${PARENT}/executions/${id}`;
    const limits = { vcpu, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 };
    executions[k] = {
      fullName,
      project: 'bench',
      region: 'us-central1',
      id,
      job: 'reel',
      createMs: startMs,
      startMs,
      completionMs,
      durationSeconds: (completionMs - startMs) / 1000,
      status: oom ? 'failed' : 'succeeded',
      taskCount: 1,
      runningCount: 0,
      succeededCount: oom ? 0 : 1,
      failedCount: oom ? 1 : 0,
      retriedCount: attempts - 1,
      cancelledCount: 0,
      limits,
      payload: shape.payload,
    };
    tasks[k] = {
      fullName: `${fullName}/tasks/${id}-task0`,
      execution: fullName,
      index: 0,
      attempts,
      lastOutcome: oom ? 'oom' : 'succeeded',
      startMs: completionMs - Math.round(runSeconds * 1000),
      completionMs,
    };
    const peak = oom ? 4 * GiB : GiB * (0.3 + shape.totalMb / 400) * (1 + 0.05 * Math.cos(k));
    usage[k] = { execution: id, peakMemoryBytes: peak, cpuSeconds: 0.6 * vcpu * runSeconds };
  }
  return { executions, tasks, usage };
}

function seriesOf(): Pick<JobReportInput, 'cpuPoints' | 'memoryPoints' | 'allocationPoints'> {
  const minutes = (DAYS * 86_400_000) / MINUTE_MS;
  const cpuPoints: DistributionPoint[] = [];
  const memoryPoints: DistributionPoint[] = [];
  for (let m = 0; m < minutes; m += 1) {
    cpuPoints.push(minutePoint(START_MS + m * MINUTE_MS, 0.55 + 0.1 * Math.sin(m)));
    memoryPoints.push(minutePoint(START_MS + m * MINUTE_MS, 0.4 + 0.1 * Math.cos(m)));
  }
  const allocationPoints: AllocationPoint[] = [];
  for (let h = 0; h < DAYS * 24; h += 1) {
    const startMs = START_MS + h * 3_600_000;
    allocationPoints.push({ startMs, endMs: startMs + 3_600_000, vcpuSeconds: 0, gibSeconds: 0 });
  }
  return { cpuPoints, memoryPoints, allocationPoints };
}

/** Everything `buildJobReport` takes, for `count` executions. */
export function syntheticReportInput(count: number, priceBook: PriceBook): JobReportInput {
  const { executions, tasks, usage } = executionsOf(count);
  return {
    project: 'bench',
    region: 'us-central1',
    job: 'reel',
    window: { startMs: START_MS, endMs: SYNTHETIC_NOW_MS },
    policy: DEFAULT_TIER_POLICY,
    priceBook,
    objective: 'balanced',
    nowMs: SYNTHETIC_NOW_MS,
    executions,
    tasks,
    executionUsage: usage,
    ...seriesOf(),
  };
}
