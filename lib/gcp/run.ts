/**
 * Cloud Run Admin v2 reads: jobs, executions and tasks as plain records. A resource Google sends
 * malformed is left out of a listing with a DataWarning (one bad execution must not hide a month);
 * `getJob` throws the GcpDataError instead, since there is nothing partial to show.
 */
import type { protos } from '@google-cloud/run';
import type { DataWarning, ExecutionRecord, JobRecord, TaskRecord } from '@/lib/domain/records';
import { callGoogle, GAX_CALL_OPTIONS, type Listing } from './calls';
import type { GcpClients } from './clients';
import { GcpDataError } from './errors';
import { mapExecution } from './mappers/execution';
import { mapJob } from './mappers/job';
import { timestampMs } from './mappers/proto-values';
import { mapTask } from './mappers/task';

export { updateJobLimits, type UpdateJobLimitsRequest } from './job-update';
export type { Listing } from './calls';

type ProtoExecution = protos.google.cloud.run.v2.IExecution;

export interface Location {
  readonly project: string;
  readonly region: string;
}

export interface JobLocation extends Location {
  /** Short job id, e.g. `reel-stitching-job`. */
  readonly job: string;
}

export interface ExecutionWindow {
  /** Executions created at or after this instant are included. */
  readonly sinceMs: number;
  /** Executions created before this instant are included. */
  readonly untilMs: number;
  /** Executions per page; Cloud Run allows up to 1,000 (default here 500). */
  readonly pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 500;

export const locationName = ({ project, region }: Location) =>
  `projects/${project}/locations/${region}`;
export const jobName = (ref: JobLocation) => `${locationName(ref)}/jobs/${ref.job}`;

/** Maps each item, keeping the ones that map and a warning for each that does not. */
function mapAll<P, T>(raw: readonly P[], map: (p: P) => T, warnings: DataWarning[]): T[] {
  const items: T[] = [];
  for (const item of raw) {
    try {
      items.push(map(item));
    } catch (err) {
      if (!(err instanceof GcpDataError)) throw err;
      const resource = err.resource ?? 'a resource';
      warnings.push({ resource, field: err.field, problem: `${err.problem}; it was left out` });
    }
  }
  return items;
}

export async function listJobs(
  clients: GcpClients,
  location: Location,
): Promise<Listing<JobRecord>> {
  const parent = locationName(location);
  const context = {
    action: `list the Cloud Run jobs in ${parent}`,
    resource: parent,
    access: 'run.read',
  } as const;
  const warnings: DataWarning[] = [];
  const jobs: JobRecord[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const [raw, , response] = await callGoogle(clients, 'run.ListJobs', 'read', context, () =>
      clients.jobs.listJobs({ parent, pageSize: DEFAULT_PAGE_SIZE, pageToken }, GAX_CALL_OPTIONS),
    );
    pages += 1;
    jobs.push(...mapAll(raw, mapJob, warnings));
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  return { items: jobs, warnings, pages };
}

export async function getJob(clients: GcpClients, ref: JobLocation): Promise<JobRecord> {
  const name = jobName(ref);
  const context = { action: `read job ${ref.job}`, resource: name, access: 'run.read' } as const;
  const [raw] = await callGoogle(clients, 'run.GetJob', 'read', context, () =>
    clients.jobs.getJob({ name }, GAX_CALL_OPTIONS),
  );
  return mapJob(raw);
}

function createMsOf(execution: ProtoExecution): number | undefined {
  try {
    return timestampMs(execution.createTime, execution.name ?? '', 'createTime');
  } catch {
    return undefined;
  }
}

/**
 * Cloud Run lists executions newest first, so paging stops at the first page that reaches back
 * past `sinceMs`: the calls grow with pages, never with executions.
 */
async function listExecutionsUnder(
  clients: GcpClients,
  parent: string,
  window: ExecutionWindow,
  action: string,
): Promise<Listing<ExecutionRecord>> {
  const context = { action, resource: parent, access: 'run.read' } as const;
  const pageSize = window.pageSize ?? DEFAULT_PAGE_SIZE;
  const warnings: DataWarning[] = [];
  const inWindow: ProtoExecution[] = [];
  let pageToken = '';
  let pages = 0;
  let reachedStart = false;
  do {
    const [raw, , response] = await callGoogle(clients, 'run.ListExecutions', 'read', context, () =>
      clients.executions.listExecutions({ parent, pageSize, pageToken }, GAX_CALL_OPTIONS),
    );
    pages += 1;
    for (const execution of raw) {
      const createMs = createMsOf(execution);
      if (createMs !== undefined && createMs < window.sinceMs) reachedStart = true;
      else if (createMs === undefined || createMs < window.untilMs) inWindow.push(execution);
    }
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken && !reachedStart);
  return { items: mapAll(inWindow, mapExecution, warnings), warnings, pages };
}

/** Executions of one job created in [sinceMs, untilMs), newest first. */
export function listExecutions(
  clients: GcpClients,
  request: JobLocation & ExecutionWindow,
): Promise<Listing<ExecutionRecord>> {
  return listExecutionsUnder(
    clients,
    jobName(request),
    request,
    `list executions of job ${request.job}`,
  );
}

/** Executions of every job in the region created in [sinceMs, untilMs), in one listing. */
export function listAllExecutions(
  clients: GcpClients,
  request: Location & ExecutionWindow,
): Promise<Listing<ExecutionRecord>> {
  // `-` is Cloud Run's wildcard parent: every job at once.
  return listExecutionsUnder(
    clients,
    `${locationName(request)}/jobs/-`,
    request,
    `list executions in ${locationName(request)}`,
  );
}

/**
 * Every task of one execution (or of a whole job with the `executions/-` wildcard), by index.
 * `done` may end the paging early once the tasks read so far are all the caller needs.
 */
export async function listTasks(
  clients: GcpClients,
  request: {
    readonly executionName: string;
    readonly pageSize?: number;
    readonly done?: (tasksSoFar: readonly TaskRecord[]) => boolean;
  },
): Promise<Listing<TaskRecord>> {
  const parent = request.executionName;
  const context = {
    action: 'list the tasks of an execution',
    resource: parent,
    access: 'run.read',
  } as const;
  const warnings: DataWarning[] = [];
  const tasks: TaskRecord[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const [raw, , response] = await callGoogle(clients, 'run.ListTasks', 'read', context, () =>
      clients.tasks.listTasks(
        { parent, pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE, pageToken },
        GAX_CALL_OPTIONS,
      ),
    );
    pages += 1;
    tasks.push(...mapAll(raw, mapTask, warnings));
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken && !request.done?.(tasks));
  return { items: tasks.sort((a, b) => a.index - b.index), warnings, pages };
}
