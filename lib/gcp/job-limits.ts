/**
 * A job with new limits, as both an update and a copy send it: the first container's CPU and
 * memory, the task timeout and the max retries replaced, everything else as it was read.
 */
import type { protos } from '@google-cloud/run';
import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { ResourceLimits } from '@/lib/domain/records';
import { GcpDataError } from './errors';

type ProtoJob = protos.google.cloud.run.v2.IJob;

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
