/**
 * The overview's Monitoring: one query per metric for every job of a project (Google groups the
 * series by project, region and job), never one per job, then split into each job's series.
 */
import {
  readAllocation,
  readCompletedExecutions,
  readExecutionMetricsOfJobs,
  readUtilisation,
  type GcpClients,
  type Listing,
} from '@/lib/gcp';
import type {
  AllocationPoint,
  DataWarning,
  DistributionPoint,
  ExecutionUsage,
  NumericPoint,
} from '@/lib/domain/records';
import { plainGoogleProblem } from './google-problem';

const HOUR_MS = 3_600_000;
/** As a job report: executions that started a day before the window can share its first minutes. */
export const OVERLAP_LOOKBACK_MS = 86_400_000;
/** As a job report: Monitoring shows data up to ~3 minutes late; the last periods are not compared. */
const METERING_LAG_MS = 5 * 60_000;

type Window = { readonly startMs: number; readonly endMs: number };

/** One job's series from the project's reads; undefined where that metric could not be read. */
export type JobSeries = {
  readonly cpuPoints?: readonly DistributionPoint[];
  readonly memoryPoints?: readonly DistributionPoint[];
  readonly allocationPoints?: readonly AllocationPoint[];
  readonly executionUsage?: readonly ExecutionUsage[];
  /** Hourly completions (both results summed) up to the ledger's last sync, as a report compares them. */
  completedUntil(
    heldUntilMs: number,
  ): { points: NumericPoint[]; comparedUntilMs: number } | undefined;
  /** The metrics that could not be read, as a job report words them. */
  readonly warnings: readonly DataWarning[];
  /**
   * Allocation and completed counts come from the job's hours in the ledger, not from these
   * series, which hold only the minutes of the executions the ledger has not attributed yet.
   */
  readonly fromStore?: boolean;
};

export type ProjectSeries = {
  of(region: string, job: string): JobSeries;
  /** Malformed series left out of the project's reads. */
  readonly warnings: readonly DataWarning[];
};

type Failed = { readonly failed: DataWarning };

async function attempt<T>(read: () => Promise<T>, what: string): Promise<T | Failed> {
  try {
    return await read();
  } catch (err) {
    const problem = plainGoogleProblem(err, `reading ${what}`);
    return {
      failed: {
        resource: what,
        field: 'read',
        problem: `could not be read (${problem}); its figures are left out`,
      },
    };
  }
}

const isFailed = (value: unknown): value is Failed =>
  typeof value === 'object' && value !== null && 'failed' in value;

const key = (region: string | undefined, job: string) => JSON.stringify([region ?? '', job]);

type Lookup<T> = (region: string, job: string) => T[];

/**
 * Each job's entries of a listing by region and name (a series without a region fits any region);
 * undefined when the metric could not be read, so its figures stay unknown rather than zero.
 */
function byJob<T extends { job: string; region?: string }>(
  listing: Listing<T> | Failed | undefined,
): Lookup<T> | undefined {
  if (!listing || isFailed(listing)) return undefined;
  const map = new Map<string, T[]>();
  for (const item of listing.items) {
    const id = key(item.region, item.job);
    map.set(id, [...(map.get(id) ?? []), item]);
  }
  return (region: string, job: string): T[] =>
    map.get(key(region, job)) ?? map.get(key(undefined, job)) ?? [];
}

/** Reads every job's series of the project over the window: one query per metric, in parallel. */
export async function readProjectSeries(
  clients: GcpClients,
  project: string,
  window: Window,
): Promise<ProjectSeries> {
  const utilisation = {
    project,
    startMs: window.startMs - OVERLAP_LOOKBACK_MS,
    endMs: window.endMs,
  };
  const lastHourMs = Math.floor((window.endMs - METERING_LAG_MS) / HOUR_MS) * HOUR_MS;
  const [cpu, memory, allocation, usage, completed] = await Promise.all([
    attempt(() => readUtilisation(clients, { ...utilisation, resource: 'cpu' }), 'CPU utilisation'),
    attempt(
      () => readUtilisation(clients, { ...utilisation, resource: 'memory' }),
      'memory utilisation',
    ),
    attempt(
      () => readAllocation(clients, { project, ...window, periodSeconds: 3600 }),
      'allocation time',
    ),
    attempt(
      () => readExecutionMetricsOfJobs(clients, { project, ...window }),
      'per-execution metrics',
    ),
    lastHourMs - window.startMs < HOUR_MS
      ? undefined
      : attempt(
          () =>
            readCompletedExecutions(clients, {
              project,
              startMs: window.startMs,
              endMs: lastHourMs,
              periodSeconds: 3600,
            }),
          'completed execution count',
        ),
  ]);
  const reads = [cpu, memory, allocation, usage, completed];
  const failures = reads.flatMap((read) => (isFailed(read) ? [read.failed] : []));
  const warnings = reads.flatMap((read) => (read && !isFailed(read) ? read.warnings : []));
  const lookups = {
    cpu: byJob(cpu),
    memory: byJob(memory),
    allocation: byJob(allocation),
    usage: byJob(usage),
    completed: byJob(completed),
  };
  const points = <P>(
    lookup: Lookup<{ points: readonly P[] }> | undefined,
    region: string,
    job: string,
  ) => (lookup ? (lookup(region, job)[0]?.points ?? []) : undefined);
  return {
    warnings,
    of(region, job) {
      const used = lookups.usage?.(region, job)[0];
      return {
        cpuPoints: points(lookups.cpu, region, job),
        memoryPoints: points(lookups.memory, region, job),
        allocationPoints: points(lookups.allocation, region, job),
        // A job that does not log its own usage has no series: that source was not used.
        executionUsage: used && used.usage.length > 0 ? used.usage : undefined,
        completedUntil: (heldUntilMs) =>
          completedOf(lookups.completed, region, job, window, heldUntilMs),
        warnings: failures,
      };
    },
  };
}

/** The job's hourly completions up to the last whole hour its ledger can hold, results summed. */
function completedOf(
  lookup: Lookup<{ points: readonly NumericPoint[] }> | undefined,
  region: string,
  job: string,
  window: Window,
  heldUntilMs: number,
) {
  if (!lookup) return undefined;
  const comparedUntilMs =
    Math.floor((Math.min(window.endMs, heldUntilMs) - METERING_LAG_MS) / HOUR_MS) * HOUR_MS;
  if (comparedUntilMs - window.startMs < HOUR_MS) return undefined;
  const byPeriod = new Map<number, NumericPoint>();
  for (const series of lookup(region, job)) {
    for (const p of series.points) {
      if (p.endMs > comparedUntilMs) continue;
      const seen = byPeriod.get(p.endMs);
      byPeriod.set(p.endMs, seen ? { ...seen, value: seen.value + p.value } : p);
    }
  }
  return { points: [...byPeriod.values()], comparedUntilMs };
}

/**
 * The series of a project whose every ledger is fresh, attributed and metered: its allocation and
 * completed counts are in the store, so Monitoring is read only for CPU, memory and per-execution
 * usage from the first minute of the oldest execution not attributed yet (`fromMs`), for every job
 * at once, and not at all when there is none.
 */
export async function readProjectMinutesAfter(
  clients: GcpClients,
  project: string,
  window: Window,
  fromMs: number | undefined,
): Promise<ProjectSeries> {
  if (fromMs === undefined) {
    return {
      warnings: [],
      of: () => ({
        cpuPoints: [],
        memoryPoints: [],
        completedUntil: () => undefined,
        warnings: [],
        fromStore: true,
      }),
    };
  }
  const span = {
    project,
    startMs: Math.max(
      window.startMs - OVERLAP_LOOKBACK_MS,
      Math.floor(fromMs / 60_000) * 60_000 - 60_000,
    ),
    endMs: window.endMs,
  };
  const [cpu, memory, usage] = await Promise.all([
    attempt(() => readUtilisation(clients, { ...span, resource: 'cpu' }), 'CPU utilisation'),
    attempt(() => readUtilisation(clients, { ...span, resource: 'memory' }), 'memory utilisation'),
    attempt(
      () =>
        readExecutionMetricsOfJobs(clients, {
          ...span,
          startMs: Math.max(span.startMs, window.startMs),
        }),
      'per-execution metrics',
    ),
  ]);
  const reads = [cpu, memory, usage];
  const failures = reads.flatMap((read) => (isFailed(read) ? [read.failed] : []));
  const warnings = reads.flatMap((read) => (!isFailed(read) ? read.warnings : []));
  const lookups = { cpu: byJob(cpu), memory: byJob(memory), usage: byJob(usage) };
  return {
    warnings,
    of(region, job) {
      const used = lookups.usage?.(region, job)[0];
      return {
        cpuPoints: lookups.cpu ? (lookups.cpu(region, job)[0]?.points ?? []) : undefined,
        memoryPoints: lookups.memory ? (lookups.memory(region, job)[0]?.points ?? []) : undefined,
        executionUsage: used && used.usage.length > 0 ? used.usage : undefined,
        completedUntil: () => undefined,
        warnings: failures,
        fromStore: true,
      };
    },
  };
}
