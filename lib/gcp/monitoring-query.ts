/**
 * One Cloud Monitoring ListTimeSeries query, every page read, series split across pages joined.
 * Aggregation runs in Google's engine: callers pass aligners and reducers, never loop per series.
 */
import type { protos } from '@google-cloud/monitoring';
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import { protoTimestamp } from './mappers/proto-values';
import { mergeSeries, type ProtoTimeSeries } from './mappers/time-series';

type Aggregation = protos.google.monitoring.v3.IAggregation;

export const RUN_METRIC = {
  cpuUtilisation: 'run.googleapis.com/container/cpu/utilizations',
  memoryUtilisation: 'run.googleapis.com/container/memory/utilizations',
  cpuAllocation: 'run.googleapis.com/container/cpu/allocation_time',
  memoryAllocation: 'run.googleapis.com/container/memory/allocation_time',
  completedExecutions: 'run.googleapis.com/job/completed_execution_count',
  executionPeakMemory: 'logging.googleapis.com/user/execution_peak_memory_bytes',
  executionCpuSeconds: 'logging.googleapis.com/user/execution_cpu_seconds',
} as const;

/** Monitoring's page size counts points; 100,000 is its maximum. */
export const POINTS_PER_PAGE = 100_000;
/** Monitoring's shortest alignment period. */
export const MIN_ALIGNMENT_SECONDS = 60;

export interface TimeSeriesQuery {
  /** The project whose jobs are read; also the project whose metrics scope is asked. */
  readonly project: string;
  readonly metricType: string;
  /** The job's region (`resource.labels.location`); every region's when omitted. */
  readonly region?: string;
  readonly job?: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly aggregation?: Aggregation;
  /** Points per page; Google's maximum unless a caller wants smaller answers. */
  readonly pointsPerPage?: number;
}

export interface TimeSeriesAnswer {
  readonly series: ProtoTimeSeries[];
  readonly pages: number;
}

const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * A filter names exactly one metric type. A scoping project's metrics scope answers for every
 * project it monitors, and a job name is unique only within one project and region, so the filter
 * always names the project and, when given, the region as well as the job.
 */
export function jobFilter(
  metricType: string,
  place: { readonly project: string; readonly region?: string; readonly job?: string },
): string {
  const parts = [
    `metric.type = ${quoted(metricType)}`,
    'resource.type = "cloud_run_job"',
    `resource.labels.project_id = ${quoted(place.project)}`,
  ];
  if (place.region !== undefined) parts.push(`resource.labels.location = ${quoted(place.region)}`);
  if (place.job !== undefined) parts.push(`resource.labels.job_name = ${quoted(place.job)}`);
  return parts.join(' AND ');
}

/** Cross-series reducers keep one series per job: a job is its project, region and name. */
export const JOB_GROUP_BY = [
  'resource.label.project_id',
  'resource.label.location',
  'resource.label.job_name',
] as const;

export function alignment(
  periodSeconds: number,
  aligner: string,
  reducer?: { name: string; groupBy: string[] },
): Aggregation {
  const seconds = Math.max(MIN_ALIGNMENT_SECONDS, Math.round(periodSeconds));
  return {
    alignmentPeriod: { seconds: String(seconds), nanos: 0 },
    perSeriesAligner: aligner as Aggregation['perSeriesAligner'],
    ...(reducer && {
      crossSeriesReducer: reducer.name as Aggregation['crossSeriesReducer'],
      groupByFields: reducer.groupBy,
    }),
  };
}

export async function queryTimeSeries(
  clients: GcpClients,
  query: TimeSeriesQuery,
): Promise<TimeSeriesAnswer> {
  const name = `projects/${query.project}`;
  const context = {
    action: `read ${query.metricType}${query.job ? ` for job ${query.job}` : ''}${query.region ? ` in ${query.region}` : ''}`,
    resource: name,
    access: 'monitoring.read',
  } as const;
  const request = {
    name,
    filter: jobFilter(query.metricType, query),
    interval: { startTime: protoTimestamp(query.startMs), endTime: protoTimestamp(query.endMs) },
    ...(query.aggregation && { aggregation: query.aggregation }),
    view: 'FULL' as const,
    pageSize: query.pointsPerPage ?? POINTS_PER_PAGE,
  };
  const collected: ProtoTimeSeries[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const [series, , response] = await callGoogle(
      clients,
      'monitoring.ListTimeSeries',
      'read',
      context,
      () => clients.metrics.listTimeSeries({ ...request, pageToken }, GAX_CALL_OPTIONS),
    );
    pages += 1;
    collected.push(...series);
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  return { series: mergeSeries(collected), pages };
}
