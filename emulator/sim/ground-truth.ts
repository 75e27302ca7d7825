import { attemptNoise, planTasks } from './plan';
import { GIB, VCPU_OPTIONS } from './quantities';
import type { TierName } from './scenario-schema';
import { executionFailed, type PlannedExecution } from './view';

export interface TruthAttempt {
  readonly startMs: number;
  /** Undefined while the attempt is still running at now. */
  readonly endMs?: number;
  readonly outcome: 'succeeded' | 'oom' | 'timeout' | 'error' | 'running';
  readonly durationSeconds: number;
  readonly peakMemoryBytes: number;
  readonly cpuSeconds: number;
  /** Run time rounded up to 100 ms, as Cloud Run bills it. */
  readonly billedSeconds: number;
  readonly vcpuSecondsBilled: number;
  readonly gibSecondsBilled: number;
}

export interface TruthExecution {
  readonly jobId: string;
  readonly executionId: string;
  readonly createMs: number;
  readonly payloadReadable: boolean;
  readonly workload: {
    readonly clipCount: number;
    readonly totalMb: number;
    readonly mediaSeconds: number;
    readonly width: number;
    readonly height: number;
    readonly tier: TierName;
  };
  readonly limits: {
    readonly vcpu: number;
    readonly memoryBytes: number;
    readonly timeoutSeconds: number;
    readonly maxRetries: number;
  };
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly attempts: readonly TruthAttempt[];
}

export interface DurationStats {
  readonly medianSeconds: number;
  readonly p95Seconds: number;
}

export interface TruthTier {
  readonly jobId: string;
  readonly tier: TierName;
  readonly executionCount: number;
  /** Execution time (start to completion, every attempt) as it happened. */
  readonly observed: DurationStats;
  /** The same executions re-simulated with the same noise at each vCPU, memory and timeout as configured. */
  readonly byVcpu: Readonly<Record<string, DurationStats>>;
}

export interface GroundTruth {
  readonly scenario: string;
  readonly seed: number;
  readonly project: string;
  readonly region: string;
  readonly windowStartMs: number;
  readonly nowMs: number;
  readonly executions: readonly TruthExecution[];
  readonly tiers: readonly TruthTier[];
}

/** Linear-interpolated quantile (type 7) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low]!;
  return a + (sorted[high]! - a) * (position - low);
}

function stats(values: number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { medianSeconds: quantile(sorted, 0.5), p95Seconds: quantile(sorted, 0.95) };
}

function truthOf(planned: PlannedExecution, nowMs: number): TruthExecution {
  const { limits, features } = planned;
  const attempts = planned.plan.tasks
    .flatMap((t) => t.attempts)
    .filter((a) => a.startMs <= nowMs)
    .map((a): TruthAttempt => {
      const running = a.endMs > nowMs;
      const durationMs = (running ? nowMs : a.endMs) - a.startMs;
      const billedSeconds = Math.ceil(durationMs / 100) / 10;
      const atSeconds = durationMs / 1000;
      const r = a.result;
      return {
        startMs: a.startMs,
        ...(!running && { endMs: a.endMs }),
        outcome: running ? 'running' : r.outcome,
        durationSeconds: atSeconds,
        peakMemoryBytes: running
          ? Math.min(r.peakMemoryBytes, limits.memoryBytes)
          : r.peakMemoryBytes,
        cpuSeconds: running ? Math.min(r.cpuSeconds, atSeconds * limits.vcpu) : r.cpuSeconds,
        billedSeconds,
        vcpuSecondsBilled: billedSeconds * limits.vcpu,
        gibSecondsBilled: (billedSeconds * limits.memoryBytes) / GIB,
      };
    });
  const done = planned.plan.completionMs <= nowMs;
  return {
    jobId: planned.jobId,
    executionId: planned.id,
    createMs: planned.createMs,
    payloadReadable: planned.payloadReadable,
    workload: {
      clipCount: features.clipCount,
      totalMb: features.totalMb,
      mediaSeconds: features.mediaSeconds,
      width: features.width,
      height: features.height,
      tier: planned.tier,
    },
    limits,
    status: !done ? 'running' : executionFailed(planned) ? 'failed' : 'succeeded',
    attempts,
  };
}

/** Execution seconds of the same workload and noise at another vCPU. */
function resimulatedSeconds(seed: number, planned: PlannedExecution, vcpu: number): number {
  const plan = planTasks(
    planned.plan.startMs,
    planned.taskCount,
    planned.parallelism,
    planned.features,
    { ...planned.limits, vcpu },
    planned.physics,
    (task, attempt) => attemptNoise(seed, planned.key, task, attempt, planned.physics),
  );
  return (plan.completionMs - plan.startMs) / 1000;
}

function tiersOf(seed: number, done: readonly PlannedExecution[]): TruthTier[] {
  const groups = new Map<string, PlannedExecution[]>();
  for (const e of done) {
    const key = `${e.jobId}\u0000${e.tier}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0]!;
      const byVcpu: Record<string, DurationStats> = {};
      for (const vcpu of VCPU_OPTIONS)
        byVcpu[vcpu] = stats(group.map((e) => resimulatedSeconds(seed, e, vcpu)));
      return {
        jobId: first.jobId,
        tier: first.tier,
        executionCount: group.length,
        observed: stats(group.map((e) => (e.plan.completionMs - e.plan.startMs) / 1000)),
        byVcpu,
      };
    })
    .sort((a, b) =>
      a.jobId === b.jobId
        ? TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier)
        : a.jobId < b.jobId
          ? -1
          : 1,
    );
}

const TIER_ORDER: readonly TierName[] = ['small', 'medium', 'large', 'xlarge'];

export interface TruthContext {
  readonly seed: number;
  readonly project: string;
  readonly region: string;
  readonly scenario: string;
  readonly windowStartMs: number;
}

export function groundTruthOf(
  planned: readonly PlannedExecution[],
  nowMs: number,
  context: TruthContext,
): GroundTruth {
  const visible = planned.filter((e) => e.createMs <= nowMs);
  return {
    scenario: context.scenario,
    seed: context.seed,
    project: context.project,
    region: context.region,
    windowStartMs: context.windowStartMs,
    nowMs,
    executions: visible.map((e) => truthOf(e, nowMs)),
    tiers: tiersOf(
      context.seed,
      visible.filter((e) => e.plan.completionMs <= nowMs),
    ),
  };
}
