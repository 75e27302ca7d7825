/** Deterministic synthetic tiers for the recommendation tests: Amdahl runs with no I/O. */
import type { ResourceLimits } from '@/lib/domain/records';
import type { ExecutionObservation } from '@/lib/domain/recommend/types';

export const GiB = 2 ** 30;

export const LIMITS_2_4: ResourceLimits = {
  vcpu: 2,
  memoryBytes: 4 * GiB,
  timeoutSeconds: 900,
  maxRetries: 2,
};

export type TierShape = {
  readonly count: number;
  readonly limits?: ResourceLimits;
  readonly parallelFraction?: number;
  readonly peakBytes?: number;
  /** Every k-th execution runs out of memory (0: none). */
  readonly oomEvery?: number;
  readonly secondsPerMb?: number;
};

export function tierObservations(shape: TierShape): ExecutionObservation[] {
  const limits = shape.limits ?? LIMITS_2_4;
  const q = shape.parallelFraction ?? 0.8;
  return Array.from({ length: shape.count }, (_, k) => {
    const inputMb = 20 + ((k * 37) % 80);
    const oneVcpuSeconds = (shape.secondsPerMb ?? 1.2) * inputMb;
    const wobble = 1 + 0.05 * Math.sin(k * 12.9898);
    const runSeconds = oneVcpuSeconds * (1 - q + q / limits.vcpu) * wobble;
    const oom = shape.oomEvery !== undefined && shape.oomEvery > 0 && k % shape.oomEvery === 0;
    const peak = (shape.peakBytes ?? 1 * GiB) * (0.8 + (0.2 * ((k * 7) % 10)) / 10);
    return {
      limits,
      status: oom ? 'failed' : 'succeeded',
      taskCount: 1,
      attempts: oom ? limits.maxRetries + 1 : 1,
      oomAttempts: oom ? limits.maxRetries + 1 : 0,
      timeoutAttempts: 0,
      runSeconds: oom ? undefined : runSeconds,
      executionSeconds: oom ? (limits.maxRetries + 1) * runSeconds * 0.5 : runSeconds,
      inputMb,
      cpuUtilisation: (oneVcpuSeconds * wobble) / (limits.vcpu * runSeconds),
      cpuSource: 'sliced',
      peakMemoryBytes: oom ? limits.memoryBytes : peak,
      memorySource: 'sliced',
    } satisfies ExecutionObservation;
  });
}
