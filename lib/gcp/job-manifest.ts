/**
 * The job's full spec as `gcloud run jobs replace` reads it, with new limits: read with GetJob,
 * the limits replaced as an update would replace them (job-limits.ts), then mapped to the v1
 * manifest (mappers/knative-job.ts). Nothing is written to Cloud Run.
 */
import type { ResourceLimits } from '@/lib/domain/records';
import { callGoogle, GAX_CALL_OPTIONS } from './calls';
import type { GcpClients } from './clients';
import { withLimits } from './job-limits';
import { knativeJobOf, type KnativeJob } from './mappers/knative-job';
import { jobName, type JobLocation } from './run';

export type { KnativeJob } from './mappers/knative-job';

export async function getJobManifest(
  clients: GcpClients,
  ref: JobLocation,
  limits: ResourceLimits,
): Promise<KnativeJob> {
  const name = jobName(ref);
  const context = { action: `read job ${ref.job}`, resource: name, access: 'run.read' } as const;
  const [raw] = await callGoogle(clients, 'run.GetJob', 'read', context, () =>
    clients.jobs.getJob({ name }, GAX_CALL_OPTIONS),
  );
  return knativeJobOf(withLimits(raw, limits, ''));
}
