/** What `buildJobReport` takes: everything read from Google, plus the settings and the clock. */
import type { ExecutionAttribution } from '../attribution';
import type { PayloadMapping } from '../payload';
import type { PriceBook } from '../pricing';
import type {
  AllocationPoint,
  DataWarning,
  DistributionPoint,
  ExecutionRecord,
  ExecutionUsage,
  ResourceLimits,
  TaskRecord,
} from '../records';
import { DAY_MS } from '../stats';
import type { TierPolicy } from '../tiers';
import type { Objective, ReportInputs } from './types';

export type JobReportInput = {
  readonly project: string;
  readonly region: string;
  readonly job: string;
  /** Half-open [startMs, endMs): executions are reported by when they started. */
  readonly window: { readonly startMs: number; readonly endMs: number };
  /**
   * From when the execution history read is complete (the ledger's or Cloud Run's first record);
   * earlier, the window holds no data, so "per month" is scaled over the days after this only.
   */
  readonly dataFromMs?: number;
  readonly policy: TierPolicy;
  readonly payloadMapping?: PayloadMapping;
  readonly priceBook: PriceBook;
  readonly objective: Objective;
  /** The job's failure budget cap (a share of executions) every tier's recommendation keeps to. */
  readonly maxFailureRate?: number;
  readonly nowMs: number;
  /** Every execution of the job that was read (running ones and ones outside the window too). */
  readonly executions: readonly ExecutionRecord[];
  /** Tasks of those executions; undefined when they were not read. */
  readonly tasks?: readonly TaskRecord[];
  /** Job-level utilisation per period; undefined when not read. */
  readonly cpuPoints?: readonly DistributionPoint[];
  readonly memoryPoints?: readonly DistributionPoint[];
  /** Job-level billed allocation per period; undefined when not read. */
  readonly allocationPoints?: readonly AllocationPoint[];
  /**
   * Billing is compared with the executions up to here: the last settled hour whose allocation the
   * store holds, when that is before the window's end. The window's end when absent.
   */
  readonly meteredUntilMs?: number;
  /** Per-execution figures the job logs itself; undefined when not read. */
  readonly executionUsage?: readonly ExecutionUsage[];
  /**
   * CPU and memory already attributed to finished executions (by short id), from an earlier
   * reading of their settled minutes; these executions are not attributed again.
   */
  readonly attributed?: ReadonlyMap<string, ExecutionAttribution>;
  /** Values Google sent that were unusable and left out while reading. */
  readonly dataWarnings?: readonly DataWarning[];
  /** The oldest time the execution listing reached, when it stopped early (paging limit). */
  readonly listingStartMs?: number;
  /**
   * The job's limits as configured now, when read: what a tier with no executions is recommended
   * from, and the shared job's limits in the one-job-per-tier comparison.
   */
  readonly jobLimits?: ResourceLimits;
};

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

export function checkInput(input: JobReportInput): void {
  const { startMs, endMs } = input.window;
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) {
    throw new ReportInputError(
      `The report window must end after it starts; got ${startMs} to ${endMs} (epoch ms).`,
    );
  }
  if (!Number.isFinite(input.nowMs)) {
    throw new ReportInputError(`The report's as-of time ${input.nowMs} is not a timestamp.`);
  }
  if (input.policy.tiers.length === 0) {
    throw new ReportInputError('The tier policy has no tiers; give it at least one.');
  }
}

function dataStartMs(input: JobReportInput): number {
  const { startMs, endMs } = input.window;
  const from = input.dataFromMs;
  return from === undefined || !Number.isFinite(from) || from >= endMs
    ? startMs
    : Math.max(startMs, from);
}

/** What the report was built from, as it records it. */
export function reportInputs(input: JobReportInput): ReportInputs {
  const { startMs, endMs } = input.window;
  return {
    project: input.project,
    region: input.region,
    job: input.job,
    window: {
      startMs,
      endMs,
      startIso: new Date(startMs).toISOString(),
      endIso: new Date(endMs).toISOString(),
      days: (endMs - startMs) / DAY_MS,
      dataDays: (endMs - dataStartMs(input)) / DAY_MS,
    },
    policy: input.policy,
    priceBook: input.priceBook,
    objective: input.objective,
    asOfMs: input.nowMs,
    asOfIso: new Date(input.nowMs).toISOString(),
    sources: {
      executions: true,
      tasks: input.tasks !== undefined,
      cpuUtilisation: input.cpuPoints !== undefined,
      memoryUtilisation: input.memoryPoints !== undefined,
      allocationTime: input.allocationPoints !== undefined,
      executionMetrics: input.executionUsage !== undefined,
    },
  };
}
