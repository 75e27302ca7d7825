/**
 * Applies new limits to a Cloud Run job. UpdateJob replaces the whole job (there is no update
 * mask), so the job is read, only the limits are changed, and it is sent back with the etag the
 * user reviewed: a concurrent edit then fails with GcpConflictError instead of being overwritten.
 */
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import { GcpConflictError } from './errors';
import { withLimits } from './job-limits';
import { dryRunJob, waitForJob } from './job-operation';
import { mapJob } from './mappers/job';

export interface UpdateJobLimitsRequest {
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly limits: ResourceLimits;
  /** The container whose limits change; the first (main) one by default. Others are kept. */
  readonly container?: string;
  /** The etag of the job as the user reviewed it. */
  readonly etag: string;
  /** A dry run: Cloud Run validates the change and nothing is applied. */
  readonly validateOnly: boolean;
  /** How long to wait for the long-running operation; default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Told the operation's name as soon as Cloud Run accepts the update, before waiting on it. */
  readonly onOperation?: (operationName: string) => void | Promise<void>;
}

/**
 * Sends the new limits with the reviewed etag, waits for the operation and returns the job as
 * Cloud Run now reports it; with `validateOnly`, the job as it would be, nothing changed.
 */
export async function updateJobLimits(
  clients: GcpClients,
  request: UpdateJobLimitsRequest,
): Promise<JobRecord> {
  const name = `projects/${request.project}/locations/${request.region}/jobs/${request.job}`;
  const read = { action: `read job ${request.job}`, resource: name, access: 'run.read' } as const;
  const [current] = await callGoogle(clients, 'run.GetJob', 'read', read, () =>
    clients.jobs.getJob({ name }, GAX_CALL_OPTIONS),
  );
  const context = {
    action: `${request.validateOnly ? 'check' : 'apply'} new limits on job ${request.job}`,
    resource: name,
    access: 'run.write',
  } as const;
  // Checked here too, so a stale review fails with a clear message before anything is sent.
  if (current.etag && current.etag !== request.etag) {
    throw new GcpConflictError(
      `Could not ${context.action}: the job changed since it was read; reload and review.`,
      { context, code: 10 },
    );
  }
  const job = withLimits(current, request.limits, request.etag, request.container);
  const [operation] = await callGoogle(clients, 'run.UpdateJob', 'mutation', context, () =>
    clients.jobs.updateJob({ job, validateOnly: request.validateOnly }, GAX_CALL_OPTIONS),
  );
  if (request.validateOnly) return mapJob(dryRunJob(operation, context, () => job));
  if (!request.validateOnly && operation.name) await request.onOperation?.(operation.name);
  const check = (operationName: string) => clients.jobs.checkUpdateJobProgress(operationName);
  return mapJob(await waitForJob(clients, operation, context, check, request.operationTimeoutMs));
}
