/**
 * The one job report that the pages, the API and the CLI all render. Plain serialisable values:
 * times in epoch ms (with ISO copies), money in USD at full precision, utilisation as fractions 0–1
 * of each execution's own limit. Field by field with units: README.md beside this file.
 */
import type { SourceShares } from '../attribution';
import type { FailureTally } from '../cost';
import type { Reconciliation } from '../cost';
import type { PriceBook } from '../pricing';
import type { JobPerTierAdvice, Objective, Recommendation } from '../recommend';
import type { ResourceLimits } from '../records';
import type { StackedDay } from '../stats';
import type { TierPolicy } from '../tiers';
import type { Verdict } from '../verdict';
import type { ExecutionGaps } from './gaps';

// One objective type for the whole codebase: the recommendation engine owns it.
export { OBJECTIVES, type Objective } from '../recommend';

export const REPORT_SCHEMA_VERSION = 1;

export type ReportWindow = {
  readonly startMs: number;
  readonly endMs: number;
  readonly startIso: string;
  readonly endIso: string;
  readonly days: number;
  /** The part of the window the history covers, in days; monthly figures scale from it. */
  readonly dataDays?: number;
};

export type SourceUse = {
  readonly executions: boolean;
  readonly tasks: boolean;
  readonly cpuUtilisation: boolean;
  readonly memoryUtilisation: boolean;
  readonly allocationTime: boolean;
  readonly executionMetrics: boolean;
};

export type ReportInputs = {
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly window: ReportWindow;
  readonly policy: TierPolicy;
  readonly priceBook: PriceBook;
  readonly objective: Objective;
  readonly asOfMs: number;
  readonly asOfIso: string;
  readonly sources: SourceUse;
};

/** p50/p95 from a bounded-error sketch (exact below 4,096 values, else within 1%); max exact. */
export type Distribution = {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly mean: number | null;
};

export type ChartBin = { readonly lower: number; readonly upper: number; readonly count: number };

export type LimitsInForce = ResourceLimits & {
  readonly executions: number;
  /** What the executions at these limits cost, every attempt billed. */
  readonly costUsd: number;
  readonly firstStartMs: number;
  readonly lastStartMs: number;
};

export type ScatterPoint = {
  readonly inputMb: number;
  readonly durationSeconds: number;
  readonly clipCount: number;
  readonly succeeded: boolean;
};

export type TierCost = {
  readonly costUsd: number;
  readonly vcpuSeconds: number;
  readonly gibSeconds: number;
  /** Share of `costUsd` that rests on estimated attempt times, 0–1. */
  readonly estimatedShare: number;
  readonly failureCostUsd: number;
  readonly failureCostByKindUsd: FailureTally;
  readonly cpuWasteUsd: number;
  readonly memoryWasteUsd: number;
  readonly wasteUsd: number;
  /** Share of `costUsd` from executions with utilisation figures, which waste is computed over. */
  readonly wasteCoverage: number;
  /** `costUsd` scaled from the window to 30 days, the volume the recommendation's figures use. */
  readonly monthlyCostUsd: number;
};

export type TierReport = {
  readonly id: string;
  readonly label: string;
  readonly bounds: string;
  readonly jobName: string | null;
  readonly executions: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly attempts: number;
  readonly billedRetries: number;
  readonly failedAttempts: FailureTally;
  readonly durationSeconds: Distribution;
  readonly attemptDurationSeconds: Distribution;
  readonly cpuUtilisation: Distribution;
  readonly peakMemoryFraction: Distribution;
  readonly peakMemoryBytes: Distribution;
  readonly limits: readonly LimitsInForce[];
  readonly currentLimits: ResourceLimits | null;
  readonly cost: TierCost;
  readonly attribution: { readonly cpu: SourceShares; readonly memory: SourceShares };
  readonly verdict: Verdict;
  /**
   * Recommended limits with their projected effect; null only when the tier has no executions and
   * the job's own limits are unknown. `confidence` says `not-enough-data` below 30 executions.
   */
  readonly recommendation: Recommendation | null;
  readonly histograms: {
    readonly durationSeconds: readonly ChartBin[];
    readonly cpuUtilisation: readonly ChartBin[];
    readonly peakMemoryFraction: readonly ChartBin[];
  };
  readonly scatter: { readonly points: readonly ScatterPoint[]; readonly fromExecutions: number };
};

export type UnreadableReason = { readonly reason: string; readonly count: number };

export type UnclassifiedReport = TierReport & { readonly unreadable: readonly UnreadableReason[] };

export type ReportTotals = {
  readonly executions: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly running: number;
  readonly attempts: number;
  readonly billedRetries: number;
  readonly costUsd: number;
  readonly failureCostUsd: number;
  readonly wasteUsd: number;
  /** `costUsd` scaled from the window to 30 days: the monthly figure savings compare with. */
  readonly monthlyCostUsd: number;
  /** Sum of the tiers' (and unclassified's) `recommendation.monthlySavingUsd`. */
  readonly monthlySavingUsd: number;
};

export const WARNING_KINDS = [
  'ambiguous-attribution',
  'missing-metrics',
  'unreadable-payloads',
  'running-excluded',
  'short-history',
  'estimated-attempts',
  'reconciliation',
  'bad-data',
  'no-executions',
  'execution-gap',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export type ReportWarning = { readonly kind: WarningKind; readonly text: string };

export type JobReport = {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly inputs: ReportInputs;
  readonly tiers: readonly TierReport[];
  readonly unclassified: UnclassifiedReport;
  readonly totals: ReportTotals;
  /** Cost per UTC day, keyed by tier id and "unclassified". */
  readonly costByDay: readonly StackedDay[];
  readonly reconciliation: Reconciliation;
  /** Whether one job per tier would cost less than this shared job; null when it serves one tier. */
  readonly jobPerTierAdvice: JobPerTierAdvice | null;
  readonly warnings: readonly ReportWarning[];
  /** Executions Monitoring counted that the report does not hold, per day, with their estimated cost. */
  readonly gaps?: ExecutionGaps;
};
