/**
 * What one execution cost: every attempt at the execution's own limits, what its failed attempts
 * cost, and the allocation it paid for and did not use (waste), priced.
 */
import type { ExecutionAttribution } from '../attribution';
import type { PriceBook } from '../pricing';
import type { ResourceLimits, SidecarLimits } from '../records';
import {
  FAILURE_KINDS,
  emptyFailureTally,
  type ExecutionRunTime,
  type FailureTally,
} from './attempts';

const BYTES_PER_GIB = 2 ** 30;

export type ExecutionCost = {
  readonly costUsd: number;
  readonly vcpuSeconds: number;
  readonly gibSeconds: number;
  readonly failureCostUsd: FailureTally;
  /**
   * CPU waste = (1 − mean CPU utilisation) × vCPU-seconds × price; memory waste =
   * (1 − peak memory fraction) × GiB-seconds × price: memory must be held at its peak all run long.
   * Undefined when the utilisation is unknown.
   */
  readonly cpuWasteUsd: number | undefined;
  readonly memoryWasteUsd: number | undefined;
};

function finiteOrZero(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * What an instance is billed for: the CPU and memory allocated to it (https://cloud.google.com/run/pricing),
 * which is every container's limits, the sidecars' with the main one's.
 */
export function billedAllocation(
  limits: Pick<ResourceLimits, 'vcpu' | 'memoryBytes'>,
  sidecars: readonly SidecarLimits[] = [],
): { vcpu: number; memoryBytes: number } {
  let vcpu = finiteOrZero(limits.vcpu);
  let memoryBytes = finiteOrZero(limits.memoryBytes);
  for (const sidecar of sidecars) {
    vcpu += finiteOrZero(sidecar.vcpu);
    memoryBytes += finiteOrZero(sidecar.memoryBytes);
  }
  return { vcpu, memoryBytes };
}

export function executionCost(
  limits: ResourceLimits,
  run: ExecutionRunTime,
  attribution: Pick<ExecutionAttribution, 'cpuUtilisation' | 'peakMemoryFraction'>,
  book: PriceBook,
  /** The execution's other containers: billed with `limits`. */
  sidecars: readonly SidecarLimits[] = [],
): ExecutionCost {
  const billed = billedAllocation(limits, sidecars);
  const vcpu = billed.vcpu;
  const gib = billed.memoryBytes / BYTES_PER_GIB;
  const perSecondUsd = vcpu * book.vcpuSecondUsd + gib * book.gibSecondUsd;
  const vcpuSeconds = vcpu * run.billedSeconds;
  const gibSeconds = gib * run.billedSeconds;
  const failureCostUsd = emptyFailureTally();
  for (const kind of FAILURE_KINDS) failureCostUsd[kind] = run.failedSeconds[kind] * perSecondUsd;
  const cpu = attribution.cpuUtilisation;
  const memory = attribution.peakMemoryFraction;
  return {
    costUsd: run.billedSeconds * perSecondUsd,
    vcpuSeconds,
    gibSeconds,
    failureCostUsd,
    cpuWasteUsd: cpu === undefined ? undefined : (1 - cpu) * vcpuSeconds * book.vcpuSecondUsd,
    memoryWasteUsd:
      memory === undefined ? undefined : (1 - memory) * gibSeconds * book.gibSecondUsd,
  };
}

export function totalFailureUsd(tally: FailureTally): number {
  return FAILURE_KINDS.reduce((sum, kind) => sum + tally[kind], 0);
}
