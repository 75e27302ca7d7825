/**
 * Per-execution CPU utilisation and peak memory, each with the source it came from (DESIGN §2):
 * exact (the job's own per-execution metric), sliced (job-level series inside a window no other
 * execution shared), ambiguous (shared periods: the figure is an upper bound) or missing.
 */
import type { DistributionPoint, ExecutionRecord, ExecutionUsage } from '../records';
import { sharedPeriodsOf, SAMPLE_PERIOD_MS } from './overlap';
import { readWindow } from './window-reading';

export const ATTRIBUTION_SOURCES = ['exact', 'sliced', 'ambiguous', 'missing'] as const;
export type AttributionSource = (typeof ATTRIBUTION_SOURCES)[number];

export type ExecutionAttribution = {
  /** Mean CPU use as a fraction of the execution's vCPU limit, 0–1. */
  readonly cpuUtilisation: number | undefined;
  readonly cpuSource: AttributionSource;
  /** Peak memory as a fraction of the execution's own memory limit, 0–1. */
  readonly peakMemoryFraction: number | undefined;
  readonly peakMemoryBytes: number | undefined;
  readonly memorySource: AttributionSource;
};

export type AttributionInput = {
  /** Every execution of the job that was read, running ones included: they share periods too. */
  readonly executions: readonly ExecutionRecord[];
  /** Job-level `container/cpu/utilizations` per period. */
  readonly cpuPoints?: readonly DistributionPoint[];
  /** Job-level `container/memory/utilizations` per period. */
  readonly memoryPoints?: readonly DistributionPoint[];
  /** Per-execution figures the job logged itself, by short execution id. */
  readonly usage?: ReadonlyMap<string, ExecutionUsage>;
  /** Billed run time of each execution (same order), to turn logged CPU-seconds into utilisation. */
  readonly runSeconds?: ArrayLike<number>;
  /** Open windows (running executions) are taken to last until now. */
  readonly nowMs: number;
  readonly periodMs?: number;
};

const MISSING: ExecutionAttribution = {
  cpuUtilisation: undefined,
  cpuSource: 'missing',
  peakMemoryFraction: undefined,
  peakMemoryBytes: undefined,
  memorySource: 'missing',
};

function byEnd(points: readonly DistributionPoint[] | undefined): readonly DistributionPoint[] {
  if (!points) return [];
  for (let k = 1; k < points.length; k += 1) {
    if ((points[k] as DistributionPoint).endMs < (points[k - 1] as DistributionPoint).endMs) {
      return [...points].sort((a, b) => a.endMs - b.endMs);
    }
  }
  return points;
}

function usableFraction(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0
    ? Math.min(1, value)
    : undefined;
}

function exactCpu(usage: ExecutionUsage | undefined, vcpu: number, seconds: number | undefined) {
  const cpuSeconds = usage?.cpuSeconds;
  if (cpuSeconds === undefined || seconds === undefined || !(seconds > 0) || !(vcpu > 0))
    return undefined;
  return usableFraction(cpuSeconds / (vcpu * seconds));
}

function exactMemoryBytes(usage: ExecutionUsage | undefined): number | undefined {
  const bytes = usage?.peakMemoryBytes;
  return bytes !== undefined && Number.isFinite(bytes) && bytes >= 0 ? bytes : undefined;
}

type Sliced = { cpu: number | undefined; memory: number | undefined; source: AttributionSource };

function sliced(
  execution: ExecutionRecord,
  shared: boolean,
  cpuPoints: readonly DistributionPoint[],
  memoryPoints: readonly DistributionPoint[],
  periodMs: number,
): Sliced {
  const { startMs, completionMs } = execution;
  if (startMs === undefined || completionMs === undefined) {
    return { cpu: undefined, memory: undefined, source: 'missing' };
  }
  const cpu = readWindow(cpuPoints, startMs, completionMs, periodMs);
  const memory = readWindow(memoryPoints, startMs, completionMs, periodMs);
  return { cpu: cpu?.mean, memory: memory?.max, source: shared ? 'ambiguous' : 'sliced' };
}

export type Attributor = (
  execution: ExecutionRecord,
  index: number,
  runSeconds: number | undefined,
) => ExecutionAttribution;

/**
 * Prepares attribution for a set of executions (sorting their windows once) and returns a function
 * that attributes one of them by its index, so a caller can attribute inside its own single pass.
 */
export function createAttributor(input: Omit<AttributionInput, 'runSeconds'>): Attributor {
  const cpuPoints = byEnd(input.cpuPoints);
  const memoryPoints = byEnd(input.memoryPoints);
  const { executions } = input;
  const starts = new Float64Array(executions.length);
  const ends = new Float64Array(executions.length);
  executions.forEach((e, i) => {
    starts[i] = e.startMs ?? Number.NaN;
    ends[i] = e.completionMs ?? Number.NaN;
  });
  const periodMs = input.periodMs ?? SAMPLE_PERIOD_MS;
  const shared = sharedPeriodsOf(starts, ends, input.nowMs, periodMs);
  const noSeries = cpuPoints.length + memoryPoints.length === 0;
  return (execution, index, runSeconds) => {
    const usage = input.usage?.get(execution.id);
    const cpuExact = exactCpu(
      usage,
      execution.limits.vcpu,
      runSeconds ?? execution.durationSeconds,
    );
    const bytesExact = exactMemoryBytes(usage);
    if (cpuExact === undefined && bytesExact === undefined && noSeries) return MISSING;
    const fallback =
      cpuExact !== undefined && bytesExact !== undefined
        ? NOTHING_SLICED
        : sliced(execution, shared[index] === 1, cpuPoints, memoryPoints, periodMs);
    return combine(execution.limits.memoryBytes, cpuExact, bytesExact, fallback);
  };
}

const NOTHING_SLICED: Sliced = { cpu: undefined, memory: undefined, source: 'missing' };

function combine(
  limitBytes: number,
  cpuExact: number | undefined,
  bytesExact: number | undefined,
  fallback: Sliced,
): ExecutionAttribution {
  const memoryFraction =
    bytesExact !== undefined
      ? limitBytes > 0
        ? bytesExact / limitBytes
        : undefined
      : fallback.memory;
  const memoryBytes =
    bytesExact ?? (fallback.memory !== undefined ? fallback.memory * limitBytes : undefined);
  return {
    cpuUtilisation: cpuExact ?? fallback.cpu,
    cpuSource: sourceOf(cpuExact, fallback.cpu, fallback.source),
    peakMemoryFraction: memoryFraction,
    peakMemoryBytes: memoryBytes,
    memorySource: sourceOf(bytesExact, fallback.memory, fallback.source),
  };
}

function sourceOf(
  exact: number | undefined,
  slicedValue: number | undefined,
  slicedSource: AttributionSource,
): AttributionSource {
  return exact !== undefined ? 'exact' : slicedValue !== undefined ? slicedSource : 'missing';
}

/** One attribution per execution, in input order. */
export function attributeExecutions(input: AttributionInput): ExecutionAttribution[] {
  const attribute = createAttributor(input);
  return input.executions.map((execution, i) => attribute(execution, i, input.runSeconds?.[i]));
}
