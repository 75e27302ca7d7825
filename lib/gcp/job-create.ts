/**
 * Creates a Cloud Run job as a copy of another with other limits: the tier jobs of a split. Only
 * what a user sets on a job is copied (its template, labels, annotations, launch stage, binary
 * authorization, client); everything Cloud Run fills in — name, uid, generation, etag, times,
 * conditions, execution counts — is left for Cloud Run to set on the new job.
 */
import type { protos } from '@google-cloud/run';
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import { mapJob } from './mappers/job';
import { waitForJob, withLimits } from './job-update';

type ProtoJob = protos.google.cloud.run.v2.IJob;

export interface CreateJobFromRequest {
  readonly project: string;
  readonly region: string;
  /** The job to copy (short id). */
  readonly sourceJob: string;
  /** The new job's short id. */
  readonly jobId: string;
  readonly limits: ResourceLimits;
  /** Labels added to the copy's own, e.g. `{"tierwise-tier": "small"}`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** A dry run: Cloud Run validates the new job and creates nothing. */
  readonly validateOnly: boolean;
  /** How long to wait for the long-running operation; default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Told the operation's name as soon as Cloud Run accepts the create, before waiting on it. */
  readonly onOperation?: (operationName: string) => void | Promise<void>;
}

/** The fields of a Job a user sets (job.proto marks the others OUTPUT_ONLY or IDENTIFIER). */
export function copyOfJob(
  source: ProtoJob,
  limits: ResourceLimits,
  labels: Readonly<Record<string, string>> = {},
): ProtoJob {
  const withNewLimits = withLimits(source, limits, '');
  return {
    labels: { ...source.labels, ...labels },
    ...(source.annotations && { annotations: source.annotations }),
    ...(source.client && { client: source.client }),
    ...(source.clientVersion && { clientVersion: source.clientVersion }),
    ...(source.launchStage && { launchStage: source.launchStage }),
    ...(source.binaryAuthorization && { binaryAuthorization: source.binaryAuthorization }),
    template: withNewLimits.template,
  };
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
  // A dry run may answer before it is done; then the job it would create is the one sent.
  if (request.validateOnly && !operation.done) return mapJob({ ...job, name });
  if (!request.validateOnly && operation.name) await request.onOperation?.(operation.name);
  return mapJob(
    await waitForJob(clients, operation, context, request.operationTimeoutMs, (operationName) =>
      clients.jobs.checkCreateJobProgress(operationName),
    ),
  );
}
