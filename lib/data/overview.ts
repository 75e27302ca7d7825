import { listAllExecutions, listJobs, readAllocation } from '@/lib/gcp';
import { DEFAULT_PRICE_BOOK_ID, findPriceBook, usageCostUsd, type PriceBook } from '@/lib/domain/pricing';
import type { DataWarning, ExecutionRecord, JobRecord } from '@/lib/domain/records';
import { projectLocation, requestClients } from './clients';

export interface JobSummary {
  readonly job: string;
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly executions: number;
  readonly failed: number;
  readonly running: number;
  /** allocation_time × the price book over the window: Google's own metering of this job. */
  readonly meteredCostUsd: number;
  readonly vcpuSeconds: number;
  readonly gibSeconds: number;
}

export interface JobsOverview {
  readonly project: string;
  readonly region: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly days: number;
  readonly priceBook: PriceBook;
  readonly jobs: readonly JobSummary[];
  readonly totalMeteredCostUsd: number;
  readonly warnings: readonly DataWarning[];
  /** Google API calls this overview made: grows with pages, never with executions. */
  readonly googleApiCalls: number;
}

const DAY_MS = 86_400_000;

/** Every job of the project with its executions, failures and metered cost over the window. */
export async function getJobsOverview(options: {
  days: number;
  now?: number;
}): Promise<JobsOverview> {
  const clients = requestClients();
  const { project, region } = projectLocation();
  const endMs = options.now ?? Date.now();
  const startMs = endMs - options.days * DAY_MS;
  const priceBook = findPriceBook(DEFAULT_PRICE_BOOK_ID)!;
  const [jobs, executions, allocation] = await Promise.all([
    listJobs(clients, { project, region }),
    listAllExecutions(clients, { project, region, sinceMs: startMs, untilMs: endMs }),
    readAllocation(clients, { project, startMs, endMs, periodSeconds: options.days * 86_400 }),
  ]);
  const byJob = groupByJob(executions.items);
  const summaries = jobs.items.map((job) => {
    const usage = allocation.items.find((a) => a.job === job.name)?.points ?? [];
    const vcpuSeconds = usage.reduce((sum, p) => sum + p.vcpuSeconds, 0);
    const gibSeconds = usage.reduce((sum, p) => sum + p.gibSeconds, 0);
    return summarise(job, byJob.get(job.name) ?? [], { vcpuSeconds, gibSeconds }, priceBook);
  });
  summaries.sort((a, b) => b.meteredCostUsd - a.meteredCostUsd || a.job.localeCompare(b.job));
  return {
    project,
    region,
    startMs,
    endMs,
    days: options.days,
    priceBook,
    jobs: summaries,
    totalMeteredCostUsd: summaries.reduce((sum, j) => sum + j.meteredCostUsd, 0),
    warnings: [...jobs.warnings, ...executions.warnings, ...allocation.warnings],
    googleApiCalls: clients.calls.total,
  };
}

function groupByJob(executions: readonly ExecutionRecord[]): Map<string, ExecutionRecord[]> {
  const byJob = new Map<string, ExecutionRecord[]>();
  for (const execution of executions) {
    const list = byJob.get(execution.job) ?? [];
    list.push(execution);
    byJob.set(execution.job, list);
  }
  return byJob;
}

function summarise(
  job: JobRecord,
  executions: readonly ExecutionRecord[],
  usage: { vcpuSeconds: number; gibSeconds: number },
  priceBook: PriceBook,
): JobSummary {
  return {
    job: job.name,
    vcpu: job.vcpu,
    memoryBytes: job.memoryBytes,
    timeoutSeconds: job.timeoutSeconds,
    executions: executions.length,
    failed: executions.filter((e) => e.status === 'failed').length,
    running: executions.filter((e) => e.status === 'running').length,
    meteredCostUsd: usageCostUsd(usage, priceBook),
    ...usage,
  };
}
