/**
 * Scoring limits against the simulator's truth, and the oracle: the same workloads re-run with the
 * same noise (the simulator draws every attempt's noise from its execution's key, independent of the
 * limits) at any limits, and the cheapest (vCPU, memory) found by trying every valid pair.
 */
import { attemptNoise, planTasks } from '@/emulator/sim/plan';
import type { AttemptNoise } from '@/emulator/sim/physics';
import type { PlannedExecution } from '@/emulator/sim/view';
import {
  CPU_OPTIONS,
  MEMORY_BOUNDS_BY_CPU,
  MAX_MEMORY_BYTES,
  snapLimits,
} from '@/lib/domain/limits';
import type { PriceBook } from '@/lib/domain/pricing';

const GIB = 2 ** 30;
export const MEMORY_STEP_BYTES = 256 * 2 ** 20;

export type SimLimits = {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
};

export type Score = {
  readonly executions: number;
  readonly costUsd: number;
  /** Executions whose last allowed attempt failed (OOM, timeout or error). */
  readonly failures: number;
  readonly oomAttempts: number;
  /** Execution time (start to completion) at p95, type-7 quantile. */
  readonly p95Seconds: number;
};

/** The workloads to score, with every attempt's noise drawn once. */
export type Workloads = {
  readonly seed: number;
  readonly executions: readonly PlannedExecution[];
  readonly noise: (index: number, attempt: number) => AttemptNoise;
};

export function workloadsOf(seed: number, executions: readonly PlannedExecution[]): Workloads {
  const cache = executions.map(() => [] as AttemptNoise[]);
  return {
    seed,
    executions,
    noise: (index, attempt) => {
      const row = cache[index]!;
      let value = row[attempt];
      if (value === undefined) {
        const e = executions[index]!;
        value = attemptNoise(seed, e.key, 0, attempt, e.physics);
        row[attempt] = value;
      }
      return value;
    },
  };
}

export function quantile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Re-runs every workload at `limitsOf(execution)` and bills it as Cloud Run would. */
export function score(
  workloads: Workloads,
  book: PriceBook,
  limitsOf: (e: PlannedExecution) => SimLimits,
): Score {
  let costUsd = 0;
  let failures = 0;
  let oomAttempts = 0;
  const seconds: number[] = [];
  workloads.executions.forEach((e, index) => {
    const limits = limitsOf(e);
    const plan = planTasks(e.plan.startMs, 1, 1, e.features, limits, e.physics, (_task, attempt) =>
      workloads.noise(index, attempt),
    );
    const rate = limits.vcpu * book.vcpuSecondUsd + (limits.memoryBytes / GIB) * book.gibSecondUsd;
    for (const task of plan.tasks) {
      for (const a of task.attempts) {
        costUsd += (Math.ceil((a.endMs - a.startMs) / 100) / 10) * rate;
        if (a.result.outcome === 'oom') oomAttempts += 1;
      }
      if (task.attempts.at(-1)?.result.outcome !== 'succeeded') failures += 1;
    }
    seconds.push((plan.completionMs - plan.startMs) / 1000);
  });
  return {
    executions: workloads.executions.length,
    costUsd,
    failures,
    oomAttempts,
    p95Seconds: quantile(seconds, 0.95),
  };
}

export type OracleResult = {
  readonly limits: SimLimits;
  readonly score: Score;
  readonly tried: number;
};

/**
 * The cheapest valid (vCPU, memory) — every vCPU value, memory in 256 MiB steps within its bounds —
 * with at most `maxFailures` failed executions (and p95 ≤ `maxP95Seconds` when given), at a timeout
 * and retries held fixed. At one vCPU, once an attempt no longer OOMs, more memory only costs more
 * with the very same outcomes, so the scan of that vCPU stops there (exact, not a heuristic). When
 * nothing keeps within the limits, the fewest failures, then the cheapest.
 */
export function searchOracle(
  workloads: Workloads,
  book: PriceBook,
  options: {
    readonly maxFailures: number;
    readonly maxP95Seconds?: number;
    readonly timeoutSeconds: number;
    readonly maxRetries: number;
  },
): OracleResult | undefined {
  let best: { limits: SimLimits; score: Score } | undefined;
  let fallback: { limits: SimLimits; score: Score } | undefined;
  let tried = 0;
  for (const vcpu of CPU_OPTIONS) {
    const { minBytes, maxBytes } = MEMORY_BOUNDS_BY_CPU[vcpu];
    for (let memoryBytes = minBytes; memoryBytes <= maxBytes; memoryBytes += MEMORY_STEP_BYTES) {
      const limits = {
        vcpu,
        memoryBytes,
        timeoutSeconds: options.timeoutSeconds,
        maxRetries: options.maxRetries,
      };
      const s = score(workloads, book, () => limits);
      tried += 1;
      const fast = options.maxP95Seconds === undefined || s.p95Seconds <= options.maxP95Seconds;
      if (s.failures <= options.maxFailures + 1e-9 && fast) {
        if (!best || s.costUsd < best.score.costUsd) best = { limits, score: s };
      }
      if (
        !fallback ||
        s.failures < fallback.score.failures ||
        (s.failures === fallback.score.failures && s.costUsd < fallback.score.costUsd)
      ) {
        fallback = { limits, score: s };
      }
      if (s.oomAttempts === 0) break;
    }
  }
  const chosen = best ?? fallback;
  return chosen ? { ...chosen, tried } : undefined;
}

/** Usage figures a baseline reads: busy vCPU and peak memory per execution, where known. */
export type Usage = { readonly busyVcpu: number[]; readonly peakBytes: number[] };

function snapUp(vcpuWish: number, memoryWish: number, current: SimLimits): SimLimits {
  let vcpu: number = CPU_OPTIONS.find((v) => v >= vcpuWish) ?? 8;
  const memory = Math.min(
    MAX_MEMORY_BYTES,
    Math.ceil(Math.max(memoryWish, 512 * 2 ** 20) / MEMORY_STEP_BYTES) * MEMORY_STEP_BYTES,
  );
  while (vcpu < 8 && MEMORY_BOUNDS_BY_CPU[vcpu as 1].maxBytes < memory)
    vcpu = CPU_OPTIONS.find((v) => v > vcpu) ?? 8;
  const snapped = snapLimits({
    vcpu,
    memoryBytes: Math.max(memory, MEMORY_BOUNDS_BY_CPU[vcpu as 1].minBytes),
    timeoutSeconds: current.timeoutSeconds,
    maxRetries: current.maxRetries,
  });
  return snapped.ok ? snapped.limits : current;
}

/** KRR-style: CPU at the p95 of busy vCPU, memory at the highest peak + 15 %. */
export function krrBaseline(usage: Usage, current: SimLimits): SimLimits {
  if (usage.peakBytes.length === 0 || usage.busyVcpu.length === 0) return current;
  return snapUp(quantile(usage.busyVcpu, 0.95), Math.max(...usage.peakBytes) * 1.15, current);
}

/** VPA-style: CPU and memory at their p90 + 15 %. */
export function vpaBaseline(usage: Usage, current: SimLimits): SimLimits {
  if (usage.peakBytes.length === 0 || usage.busyVcpu.length === 0) return current;
  return snapUp(
    quantile(usage.busyVcpu, 0.9) * 1.15,
    quantile(usage.peakBytes, 0.9) * 1.15,
    current,
  );
}
