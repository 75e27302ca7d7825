/**
 * Exact per-execution usage, when the job reports it itself: log-based metrics extracted from the
 * job's structured exit log line, labelled `execution_name` (the recipe Tierwise documents).
 * One query per metric for the whole job; a job that does not report them gets an empty answer.
 */
import type { DataWarning, ExecutionUsage } from '@/lib/domain/records';
import type { Listing } from './calls';
import type { GcpClients } from './clients';
import { GcpError, GcpInvalidArgumentError, GcpNotFoundError } from './errors';
import {
  numericPoints,
  peakPoints,
  seriesLabel,
  type ProtoTimeSeries,
} from './mappers/time-series';
import { queryTimeSeries, RUN_METRIC, type TimeSeriesAnswer } from './monitoring-query';

export interface ExecutionMetricsRequest {
  readonly project: string;
  /** The job's region; every region's when omitted. */
  readonly region?: string;
  readonly job: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Points per Monitoring page; Google's maximum (100,000) by default. */
  readonly pointsPerPage?: number;
}

/** Google answers a filter on a metric nobody defined with NOT_FOUND or "Cannot find metric". */
function isUndefinedMetric(err: unknown): boolean {
  if (err instanceof GcpNotFoundError) return true;
  return err instanceof GcpInvalidArgumentError && /cannot find metric/i.test(err.message);
}

async function queryIfDefined(
  clients: GcpClients,
  request: Omit<ExecutionMetricsRequest, 'job'> & { readonly job?: string },
  metricType: string,
): Promise<TimeSeriesAnswer> {
  try {
    return await queryTimeSeries(clients, { ...request, metricType });
  } catch (err) {
    if (err instanceof GcpError && isUndefinedMetric(err)) return { series: [], pages: 1 };
    throw err;
  }
}

/** Per execution of the given series: peak memory (largest over its tasks), CPU seconds (summed). */
function usageOf(
  memory: readonly ProtoTimeSeries[],
  cpu: readonly ProtoTimeSeries[],
  warnings: DataWarning[],
): ExecutionUsage[] {
  const usage = new Map<string, { peakMemoryBytes?: number; cpuSeconds?: number }>();
  const entry = (series: ProtoTimeSeries) => {
    const execution = seriesLabel(series, 'execution_name');
    if (!execution) {
      warnings.push({
        resource: series.metric?.type ?? 'a time series',
        field: 'metric.labels.execution_name',
        problem: 'is missing; the series was left out',
      });
      return undefined;
    }
    const seen = usage.get(execution) ?? {};
    usage.set(execution, seen);
    return seen;
  };
  for (const series of memory) {
    const seen = entry(series);
    if (!seen) continue;
    for (const point of peakPoints(series, warnings)) {
      seen.peakMemoryBytes = Math.max(seen.peakMemoryBytes ?? 0, point.value);
    }
  }
  for (const series of cpu) {
    const seen = entry(series);
    if (!seen) continue;
    for (const point of numericPoints(series, warnings))
      seen.cpuSeconds = (seen.cpuSeconds ?? 0) + point.value;
  }
  return [...usage]
    .map(([execution, values]) => ({ execution, ...values }))
    .sort((a, b) => a.execution.localeCompare(b.execution));
}

/**
 * Per execution: the peak memory bytes (largest over its tasks) and the CPU seconds (summed over
 * its tasks), from `…/execution_peak_memory_bytes` and `…/execution_cpu_seconds`.
 */
export async function readExecutionMetrics(
  clients: GcpClients,
  request: ExecutionMetricsRequest,
): Promise<Listing<ExecutionUsage>> {
  const [memory, cpu] = await Promise.all([
    queryIfDefined(clients, request, RUN_METRIC.executionPeakMemory),
    queryIfDefined(clients, request, RUN_METRIC.executionCpuSeconds),
  ]);
  const warnings: DataWarning[] = [];
  const items = usageOf(memory.series, cpu.series, warnings);
  return { items, warnings, pages: memory.pages + cpu.pages };
}

/** One job's per-execution usage, from a read of every job of a project. */
export interface JobExecutionUsage {
  readonly job: string;
  readonly region?: string;
  readonly usage: readonly ExecutionUsage[];
  /** Values Google sent unusable in this job's series, left out (also in the listing's). */
  readonly warnings: readonly DataWarning[];
}

/**
 * `readExecutionMetrics` for every job of the project (and region) at once: one query per metric
 * whatever the number of jobs, split by the series' `job_name` and `location`. Jobs that do not
 * report their usage are absent.
 */
export async function readExecutionMetricsOfJobs(
  clients: GcpClients,
  request: Omit<ExecutionMetricsRequest, 'job'>,
): Promise<Listing<JobExecutionUsage>> {
  const [memory, cpu] = await Promise.all([
    queryIfDefined(clients, request, RUN_METRIC.executionPeakMemory),
    queryIfDefined(clients, request, RUN_METRIC.executionCpuSeconds),
  ]);
  const warnings: DataWarning[] = [];
  const byJob = new Map<
    string,
    { job: string; region?: string; memory: ProtoTimeSeries[]; cpu: ProtoTimeSeries[] }
  >();
  const add = (series: readonly ProtoTimeSeries[], key: 'memory' | 'cpu') => {
    for (const one of series) {
      const job = seriesLabel(one, 'job_name');
      const region = one.resource?.labels?.location ?? request.region;
      const project = one.resource?.labels?.project_id;
      if (!job || (project && project !== request.project)) {
        warnings.push({
          resource: one.metric?.type ?? 'a time series',
          field: job ? 'resource.labels.project_id' : 'resource.labels.job_name',
          problem: job
            ? `is "${project}", not "${request.project}"; the series was left out`
            : 'is missing; the series was left out',
        });
        continue;
      }
      const id = JSON.stringify([job, region ?? '']);
      const entry = byJob.get(id) ?? { job, ...(region && { region }), memory: [], cpu: [] };
      byJob.set(id, entry);
      entry[key].push(one);
    }
  };
  add(memory.series, 'memory');
  add(cpu.series, 'cpu');
  const items = [...byJob.values()].map(({ memory: m, cpu: c, ...place }) => {
    const own: DataWarning[] = [];
    const usage = usageOf(m, c, own);
    warnings.push(...own);
    return { ...place, usage, warnings: own };
  });
  return { items, warnings, pages: memory.pages + cpu.pages };
}
