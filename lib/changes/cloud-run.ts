/** The change service's calls to Cloud Run, with Google's failures turned into change errors. */
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import {
  createJobFrom,
  GcpAlreadyExistsError,
  GcpConflictError,
  GcpError,
  GcpInvalidArgumentError,
  GcpNotFoundError,
  getJob,
  updateJobLimits,
} from '@/lib/gcp';
import type { ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError, ChangeStateError, ChangeUpstreamError } from './errors';

export async function readJob(context: ChangeContext, job: string): Promise<JobRecord> {
  try {
    return await getJob(context.clients, { project: context.project, region: context.region, job });
  } catch (error) {
    if (error instanceof GcpNotFoundError) {
      throw new ChangeInputError({
        job: `There is no Cloud Run job "${job}" in ${context.project} / ${context.region}.`,
      });
    }
    throw upstream(error);
  }
}

/** Which proposal field a Cloud Run INVALID_ARGUMENT is about, from the field it names. */
export function fieldOfRefusal(error: GcpInvalidArgumentError): string {
  const text = `${error.field ?? ''} ${error.message}`.toLowerCase();
  if (/max_?retries/.test(text)) return 'limits.maxRetries';
  if (/timeout/.test(text)) return 'limits.timeoutSeconds';
  if (/memory/.test(text)) return 'limits.memory';
  if (/cpu/.test(text)) return 'limits.cpu';
  return 'limits';
}

/** Cloud Run's dry run: throws a field error when Google would refuse the limits. */
export async function dryRun(
  context: ChangeContext,
  job: string,
  limits: ResourceLimits,
  etag: string,
): Promise<JobRecord> {
  try {
    return await updateJobLimits(context.clients, {
      project: context.project,
      region: context.region,
      job,
      limits,
      etag,
      validateOnly: true,
    });
  } catch (error) {
    if (error instanceof GcpInvalidArgumentError) {
      throw new ChangeInputError({
        [fieldOfRefusal(error)]: `Cloud Run refused it: ${error.message}`,
      });
    }
    if (error instanceof GcpConflictError) {
      throw new ChangeStateError(
        `Job ${job} changed while its limits were being checked; reload it and try again.`,
        { cause: error },
      );
    }
    throw upstream(error);
  }
}

/** Whether a job with this id exists; any failure but "not found" is Google's. */
export async function jobExists(context: ChangeContext, job: string): Promise<boolean> {
  return (await findJob(context, job)) !== null;
}

export async function findJob(context: ChangeContext, job: string): Promise<JobRecord | null> {
  try {
    return await getJob(context.clients, {
      project: context.project,
      region: context.region,
      job,
    });
  } catch (error) {
    if (error instanceof GcpNotFoundError) return null;
    throw upstream(error);
  }
}

export interface NewJob {
  readonly jobName: string;
  readonly limits: ResourceLimits;
}

/**
 * Cloud Run's dry run of creating a copy of `source` with other limits: the refused field
 * (`jobName`, `limits.cpu`, ...) and Google's words, or undefined when it would be accepted.
 */
export async function dryRunCreate(
  context: ChangeContext,
  source: string,
  job: NewJob,
  labels: Readonly<Record<string, string>>,
): Promise<{ field: string; message: string } | undefined> {
  try {
    await createJobFrom(context.clients, {
      project: context.project,
      region: context.region,
      sourceJob: source,
      jobId: job.jobName,
      limits: job.limits,
      labels,
      validateOnly: true,
    });
    return undefined;
  } catch (error) {
    if (error instanceof GcpAlreadyExistsError) {
      return { field: 'jobName', message: `A job named ${job.jobName} already exists.` };
    }
    if (error instanceof GcpInvalidArgumentError) {
      const field = fieldOfRefusal(error);
      return {
        field: field === 'limits' && /name|job_?id/i.test(error.message) ? 'jobName' : field,
        message: `Cloud Run refused it: ${error.message}`,
      };
    }
    if (error instanceof GcpNotFoundError) {
      throw new ChangeInputError({
        job: `There is no Cloud Run job "${source}" in ${context.project} / ${context.region}.`,
      });
    }
    throw upstream(error);
  }
}

export function upstream(error: unknown): Error {
  if (error instanceof GcpError) return new ChangeUpstreamError(error.message, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
