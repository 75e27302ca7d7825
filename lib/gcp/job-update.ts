/**
 * Applies new limits to a Cloud Run job. UpdateJob replaces the whole job (there is no update
 * mask), so the job is read, only the limits are changed, and it is sent back with the etag the
 * user reviewed: a concurrent edit then fails with GcpConflictError instead of being overwritten.
 */
import type { protos } from '@google-cloud/run';
import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import { backoffDelayMs, callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import {
  GcpConflictError,
  GcpDataError,
  GcpUnavailableError,
  toGcpError,
  type GcpErrorContext,
} from './errors';
import { mapJob } from './mappers/job';

type ProtoJob = protos.google.cloud.run.v2.IJob;

export interface UpdateJobLimitsRequest {
  readonly project: string;
  readonly region: string;
  readonly job: string;
  readonly limits: ResourceLimits;
  /** The etag of the job as the user reviewed it. */
  readonly etag: string;
  /** A dry run: Cloud Run validates the change and nothing is applied. */
  readonly validateOnly: boolean;
  /** How long to wait for the long-running operation; default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Told the operation's name as soon as Cloud Run accepts the update, before waiting on it. */
  readonly onOperation?: (operationName: string) => void | Promise<void>;
}

/** Cloud Run finishes job updates within seconds; give up waiting well after that. */
const OPERATION_DEADLINE_MS = 120_000;

/** The job with only the first container's limits, the task timeout and max retries replaced. */
export function withLimits(job: ProtoJob, limits: ResourceLimits, etag: string): ProtoJob {
  const resource = job.name ?? 'the job';
  const template = job.template?.template;
  const container = template?.containers?.[0];
  if (!template || !container) {
    throw new GcpDataError(resource, 'template.template.containers', 'is empty');
  }
  const updatedContainer = {
    ...container,
    resources: {
      ...container.resources,
      limits: {
        ...container.resources?.limits,
        cpu: formatCpuQuantity(limits.vcpu),
        memory: formatMemoryQuantity(limits.memoryBytes),
      },
    },
  };
  return {
    ...job,
    etag,
    template: {
      ...job.template,
      template: {
        ...template,
        containers: [updatedContainer, ...(template.containers ?? []).slice(1)],
        timeout: { seconds: String(Math.ceil(limits.timeoutSeconds)), nanos: 0 },
        maxRetries: limits.maxRetries,
      },
    },
  };
}

export interface OperationLike {
  name?: string | null;
  done?: boolean | null;
  error?: unknown;
  result?: unknown;
}

/**
 * Polls a job operation (update or create) until it is done or the bounded wait runs out, and
 * returns the job it carries.
 */
export async function waitForJob(
  clients: GcpClients,
  first: OperationLike,
  context: GcpErrorContext,
  timeoutMs = OPERATION_DEADLINE_MS,
  check: (name: string) => Promise<OperationLike> = (name) =>
    clients.jobs.checkUpdateJobProgress(name),
): Promise<ProtoJob> {
  let operation = first;
  const deadline = Date.now() + timeoutMs;
  for (let n = 1; !operation.done; n++) {
    if (Date.now() > deadline || !operation.name) {
      throw new GcpUnavailableError(
        `Cloud Run did not finish the operation to ${context.action} within ${timeoutMs / 1000} s; reload the job to see whether it took effect.`,
        { context },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(clients.retry, n)));
    const name = operation.name;
    operation = await callGoogle(clients, 'run.GetOperation', 'read', context, () => check(name));
  }
  if (operation.error) throw toGcpError(operation.error, context);
  if (!operation.result)
    throw new GcpDataError(context.resource ?? 'the job', 'operation.response', 'is missing');
  return operation.result as ProtoJob;
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
  const job = withLimits(current, request.limits, request.etag);
  const [operation] = await callGoogle(clients, 'run.UpdateJob', 'mutation', context, () =>
    clients.jobs.updateJob({ job, validateOnly: request.validateOnly }, GAX_CALL_OPTIONS),
  );
  if (request.validateOnly && !operation.done) return mapJob(job);
  if (!request.validateOnly && operation.name) await request.onOperation?.(operation.name);
  return mapJob(await waitForJob(clients, operation, context, request.operationTimeoutMs));
}
