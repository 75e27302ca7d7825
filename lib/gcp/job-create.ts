/**
 * Creates a Cloud Run job as a copy of another with other limits: the tier jobs of a split. The
 * source is read, copied without what Cloud Run sets itself (job-copy.ts), and created with
 * CreateJob; a real create is waited for with the bounded wait updates use.
 */
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import { copyOfJob, plannedJob } from './job-copy';
import { dryRunJob, waitForJob } from './job-operation';
import { mapJob } from './mappers/job';

type StringMap = Readonly<Record<string, string>>;

export interface CreateJobFromRequest {
  readonly project: string;
  readonly region: string;
  /** The job to copy (short id). */
  readonly sourceJob: string;
  /** The new job's short id. */
  readonly jobId: string;
  readonly limits: ResourceLimits;
  /** Labels added to the copy's own, e.g. `{"tierwise-tier": "small"}`. */
  readonly labels?: StringMap;
  /** A dry run: Cloud Run validates the new job and creates nothing. */
  readonly validateOnly: boolean;
  /** How long to wait for the long-running operation; default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Told the operation's name as soon as Cloud Run accepts the create, before waiting on it. */
  readonly onOperation?: (operationName: string) => void | Promise<void>;
}

/**
 * Creates `jobId` as a copy of `sourceJob` with `limits`, waits for the operation and returns the
 * job as Cloud Run reports it; with `validateOnly`, the job as it would be, nothing created.
 */
export async function createJobFrom(
  clients: GcpClients,
  request: CreateJobFromRequest,
): Promise<JobRecord> {
  const parent = `projects/${request.project}/locations/${request.region}`;
  const sourceName = `${parent}/jobs/${request.sourceJob}`;
  const name = `${parent}/jobs/${request.jobId}`;
  const read = {
    action: `read job ${request.sourceJob}`,
    resource: sourceName,
    access: 'run.read',
  } as const;
  const [source] = await callGoogle(clients, 'run.GetJob', 'read', read, () =>
    clients.jobs.getJob({ name: sourceName }, GAX_CALL_OPTIONS),
  );
  const job = copyOfJob(source, request.limits, request.labels);
  const context = {
    action: `${request.validateOnly ? 'check creating' : 'create'} job ${request.jobId}`,
    resource: name,
    access: 'run.create',
  } as const;
  const [operation] = await callGoogle(clients, 'run.CreateJob', 'mutation', context, () =>
    clients.jobs.createJob(
      { parent, jobId: request.jobId, job, validateOnly: request.validateOnly },
      GAX_CALL_OPTIONS,
    ),
  );
  if (request.validateOnly) {
    return mapJob(dryRunJob(operation, context, () => plannedJob(job, name, Date.now())));
  }
  if (operation.name) await request.onOperation?.(operation.name);
  const check = (operationName: string) => clients.jobs.checkCreateJobProgress(operationName);
  return mapJob(await waitForJob(clients, operation, context, check, request.operationTimeoutMs));
}
