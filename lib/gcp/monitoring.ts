/**
 * Cloud Monitoring reads for Cloud Run jobs. Aggregation is pushed down to Google: one query per
 * metric covers every job (or one job), whatever the number of executions. A series without a
 * job_name, or a bad point, is left out with a DataWarning.
 */
import type {
  AllocationPoint,
  AllocationSeries,
  CompletedExecutionsSeries,
  DataWarning,
  UtilisationResource,
  UtilisationSeries,
} from '@/lib/domain/records';
import type { Listing } from './calls';
import type { GcpClients } from './clients';
import {
  distributionPoints,
  numericPoints,
  seriesLabel,
  type ProtoTimeSeries,
} from './mappers/time-series';
import {
  alignment,
  JOB_GROUP_BY,
  queryTimeSeries,
  RUN_METRIC,
  type TimeSeriesQuery,
} from './monitoring-query';

export interface MonitoringWindow {
  readonly project: string;
  /** One region's jobs; every region's when omitted. */
  readonly region?: string;
  /** One job's series; every job's when omitted. */
  readonly job?: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Points per Monitoring page; Google's maximum (100,000) by default. */
  readonly pointsPerPage?: number;
}

const DAY_SECONDS = 86_400;
const BY_JOB = { name: 'REDUCE_SUM', groupBy: [...JOB_GROUP_BY] };

/**
 * Calls `read` for every series of the asked project (and region) that names its job; warns about
 * the others. The filter already names the place; this keeps a series of another project of the
 * metrics scope, or of another region, out of the figures even if a filter let it through.
 */
function perJob<T>(
  series: readonly ProtoTimeSeries[],
  warnings: DataWarning[],
  place: { readonly project: string; readonly region?: string },
  read: (job: string, series: ProtoTimeSeries, region: string | undefined) => T,
): T[] {
  const out: T[] = [];
  for (const one of series) {
    const job = seriesLabel(one, 'job_name');
    const project = one.resource?.labels?.project_id;
    const region = one.resource?.labels?.location ?? undefined;
    const resource = one.metric?.type ?? 'a time series';
    if (!job) {
      warnings.push({
        resource,
        field: 'resource.labels.job_name',
        problem: 'is missing; the series was left out',
      });
    } else if (project && project !== place.project) {
      warnings.push({
        resource: `${resource} of job ${job}`,
        field: 'resource.labels.project_id',
        problem: `is "${project}", not "${place.project}"; the series was left out`,
      });
    } else if (place.region !== undefined && region && region !== place.region) {
      warnings.push({
        resource: `${resource} of job ${job}`,
        field: 'resource.labels.location',
        problem: `is "${region}", not "${place.region}"; the series was left out`,
      });
    } else out.push(read(job, one, region ?? place.region));
  }
  return out;
}

const withRegion = (region: string | undefined) => (region ? { region } : {});

/** One job's utilisation, with the values Google sent unusable in its series (also in the listing's). */
export type JobUtilisation = UtilisationSeries & { readonly warnings: readonly DataWarning[] };

/**
 * Per-minute utilisation distributions (fractions of the limit) per job: one job's, or every job's
 * of the project (and region) when `job` is omitted, one series each.
 */
export async function readUtilisation(
  clients: GcpClients,
  request: MonitoringWindow & { readonly resource: UtilisationResource },
): Promise<Listing<JobUtilisation>> {
  const metricType =
    request.resource === 'cpu' ? RUN_METRIC.cpuUtilisation : RUN_METRIC.memoryUtilisation;
  const { series, pages } = await queryTimeSeries(clients, {
    ...request,
    metricType,
    // ALIGN_SUM, not ALIGN_DELTA: DELTA "creates by interpolation" a value for periods with no data
    // (google/monitoring/v3/common.proto, Aggregation.Aligner); SUM leaves them empty.
    aggregation: alignment(60, 'ALIGN_SUM', BY_JOB),
  });
  const warnings: DataWarning[] = [];
  const items = perJob(series, warnings, request, (job, one, region) => {
    const own: DataWarning[] = [];
    const points = distributionPoints(one, own);
    warnings.push(...own);
    return { job, ...withRegion(region), resource: request.resource, points, warnings: own };
  });
  return { items, warnings, pages };
}

/** Billed vCPU-seconds and GiB-seconds per period per job: the billing truth at job level. */
export async function readAllocation(
  clients: GcpClients,
  request: MonitoringWindow & { readonly periodSeconds: number },
): Promise<Listing<AllocationSeries>> {
  const query = (metricType: string): TimeSeriesQuery => ({
    ...request,
    metricType,
    aggregation: alignment(request.periodSeconds, 'ALIGN_SUM', BY_JOB),
  });
  const [cpu, memory] = await Promise.all([
    queryTimeSeries(clients, query(RUN_METRIC.cpuAllocation)),
    queryTimeSeries(clients, query(RUN_METRIC.memoryAllocation)),
  ]);
  const warnings: DataWarning[] = [];
  // One entry per job and region: a job name is unique only within its region.
  const byJob = new Map<
    string,
    { job: string; region?: string; periods: Map<number, AllocationPoint> }
  >();
  const add = (series: ProtoTimeSeries[], key: 'vcpuSeconds' | 'gibSeconds') => {
    perJob(series, warnings, request, (job, one, region) => {
      const id = JSON.stringify([job, region ?? '']);
      const entry = byJob.get(id) ?? { job, ...withRegion(region), periods: new Map() };
      byJob.set(id, entry);
      const periods = entry.periods;
      for (const point of numericPoints(one, warnings)) {
        const seen = periods.get(point.endMs) ?? {
          startMs: point.startMs,
          endMs: point.endMs,
          vcpuSeconds: 0,
          gibSeconds: 0,
        };
        periods.set(point.endMs, { ...seen, [key]: seen[key] + point.value });
      }
    });
  };
  add(cpu.series, 'vcpuSeconds');
  add(memory.series, 'gibSeconds');
  const items = [...byJob.values()].map(({ periods, ...place }) => ({
    ...place,
    points: [...periods.values()].sort((a, b) => a.endMs - b.endMs),
  }));
  return { items, warnings, pages: cpu.pages + memory.pages };
}

/** Completed executions per period (a day by default) per job and result. */
export async function readCompletedExecutions(
  clients: GcpClients,
  request: MonitoringWindow & { readonly periodSeconds?: number },
): Promise<Listing<CompletedExecutionsSeries>> {
  const { series, pages } = await queryTimeSeries(clients, {
    ...request,
    metricType: RUN_METRIC.completedExecutions,
    aggregation: alignment(request.periodSeconds ?? DAY_SECONDS, 'ALIGN_SUM', {
      name: 'REDUCE_SUM',
      groupBy: [...JOB_GROUP_BY, 'metric.label.result'],
    }),
  });
  const warnings: DataWarning[] = [];
  const items = perJob(series, warnings, request, (job, one, region) => {
    const result = seriesLabel(one, 'result');
    if (result !== 'succeeded' && result !== 'failed') {
      warnings.push({
        resource: `${RUN_METRIC.completedExecutions} of job ${job}`,
        field: 'metric.labels.result',
        problem: `is "${result ?? ''}"; the series was left out`,
      });
      return undefined;
    }
    return { job, ...withRegion(region), result, points: numericPoints(one, warnings) } as const;
  }).filter((s) => s !== undefined);
  return { items, warnings, pages };
}

export {
  readExecutionMetrics,
  readExecutionMetricsOfJobs,
  type JobExecutionUsage,
} from './execution-metrics';
