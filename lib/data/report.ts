/**
 * Reads one job's history through lib/gcp and builds its report. Calls grow with pages, never with
 * executions: one execution listing, one task listing for the whole job (the `executions/-`
 * wildcard parent), and one Monitoring query per metric with alignment done by Google.
 */
import {
  getJob,
  listExecutions,
  listTasks,
  readAllocation,
  readExecutionMetrics,
  readUtilisation,
  jobName,
  type GcpClients,
  type Listing,
} from '@/lib/gcp';
import type { PriceBook } from '@/lib/domain/pricing';
import type { DataWarning, ExecutionRecord, JobRecord, TaskRecord } from '@/lib/domain/records';
import { buildJobReport, type JobReport, type Objective } from '@/lib/domain/report';
import type { PayloadMapping } from '@/lib/domain/payload';
import type { TierPolicy } from '@/lib/domain/tiers';

const DAY_MS = 86_400_000;
/** Executions that started this long before the window can still share its first minutes. */
const OVERLAP_LOOKBACK_MS = DAY_MS;

export type ReportWindowRequest = { readonly days: number } | { readonly startMs: number; readonly endMs: number };

export type JobReportRequest = {
  readonly clients: GcpClients;
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly policy: TierPolicy;
  readonly priceBook: PriceBook;
  readonly objective: Objective;
  readonly payloadMapping?: PayloadMapping;
  /** The as-of time; a days window ends here. */
  readonly now: number;
} & ReportWindowRequest;

export type JobReportResult = {
  readonly report: JobReport;
  readonly job: JobRecord;
  /** The records the report was built from, so exports can list every execution without reading again. */
  readonly records: { readonly executions: readonly ExecutionRecord[]; readonly tasks: readonly TaskRecord[] };
  /** Google API calls made to build it, every page and retry counted. */
  readonly googleApiCalls: number;
  readonly callsByMethod: Readonly<Record<string, number>>;
};

export class ReportRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportRequestError';
  }
}

export function reportWindow(request: ReportWindowRequest & { now: number }): { startMs: number; endMs: number } {
  if ('days' in request) {
    if (!(Number.isFinite(request.days) && request.days > 0 && request.days <= 400)) {
      throw new ReportRequestError(`A report covers 1 to 400 days; ${request.days} is not usable.`);
    }
    return { startMs: request.now - request.days * DAY_MS, endMs: request.now };
  }
  if (!(Number.isFinite(request.startMs) && Number.isFinite(request.endMs) && request.endMs > request.startMs)) {
    throw new ReportRequestError('The report window must have a start before its end.');
  }
  return { startMs: request.startMs, endMs: Math.min(request.endMs, request.now) };
}

/** A metric that could not be read leaves its figures out with a warning instead of failing the report. */
async function optional<T>(read: () => Promise<T>, what: string, warnings: DataWarning[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    const problem = err instanceof Error ? err.message : String(err);
    warnings.push({ resource: what, field: 'read', problem: `could not be read (${problem}); its figures are left out` });
    return undefined;
  }
}

function collect<T>(listing: Listing<T> | undefined, warnings: DataWarning[]): readonly T[] | undefined {
  if (!listing) return undefined;
  warnings.push(...listing.warnings);
  return listing.items;
}

export async function getJobReport(request: JobReportRequest): Promise<JobReportResult> {
  const { clients, project, region, job, now } = request;
  const window = reportWindow(request);
  const ref = { project, region, job };
  const warnings: DataWarning[] = [];
  const monitoring = { project, job, startMs: window.startMs - OVERLAP_LOOKBACK_MS, endMs: window.endMs };
  const [jobRecord, executions, tasks, cpu, memory, allocation, usage] = await Promise.all([
    getJob(clients, ref),
    listExecutions(clients, { ...ref, sinceMs: window.startMs - OVERLAP_LOOKBACK_MS, untilMs: window.endMs }),
    optional(() => listTasks(clients, { executionName: `${jobName(ref)}/executions/-` }), 'tasks', warnings),
    optional(() => readUtilisation(clients, { ...monitoring, resource: 'cpu' }), 'CPU utilisation', warnings),
    optional(() => readUtilisation(clients, { ...monitoring, resource: 'memory' }), 'memory utilisation', warnings),
    optional(() => readAllocation(clients, { project, job, startMs: window.startMs, endMs: window.endMs, periodSeconds: 3600 }), 'allocation time', warnings),
    optional(() => readExecutionMetrics(clients, { project, job, startMs: window.startMs, endMs: window.endMs }), 'per-execution metrics', warnings),
  ]);
  warnings.push(...executions.warnings);
  const taskItems = collect(tasks, warnings);
  const report = buildJobReport({
    project,
    region,
    job,
    window,
    policy: request.policy,
    payloadMapping: request.payloadMapping,
    priceBook: request.priceBook,
    objective: request.objective,
    nowMs: now,
    executions: executions.items,
    tasks: taskItems,
    cpuPoints: cpu ? (collect(cpu, warnings)?.find((s) => s.job === job)?.points ?? []) : undefined,
    memoryPoints: memory ? (collect(memory, warnings)?.find((s) => s.job === job)?.points ?? []) : undefined,
    allocationPoints: allocation ? (collect(allocation, warnings)?.find((s) => s.job === job)?.points ?? []) : undefined,
    // A job that does not log its own usage answers with nothing: that source was not used.
    executionUsage: usage && usage.items.length > 0 ? collect(usage, warnings) : undefined,
    dataWarnings: warnings,
    jobLimits: {
      vcpu: jobRecord.vcpu,
      memoryBytes: jobRecord.memoryBytes,
      timeoutSeconds: jobRecord.timeoutSeconds,
      maxRetries: jobRecord.maxRetries,
    },
  });
  const records = { executions: executions.items, tasks: taskItems ?? [] };
  return { report, job: jobRecord, records, googleApiCalls: clients.calls.total, callsByMethod: { ...clients.calls.byMethod } };
}
