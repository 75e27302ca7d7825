/**
 * A job with new limits, as both an update and a copy send it: one container's CPU and memory,
 * the task timeout and the max retries replaced, everything else as it was read.
 */
import type { protos } from '@google-cloud/run';
import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { ResourceLimits } from '@/lib/domain/records';
import { GcpDataError } from './errors';

type ProtoJob = protos.google.cloud.run.v2.IJob;

/**
 * The job with one container's limits, the task timeout and max retries replaced: the container
 * named `containerName`, the first (main) one by default. Every other container (sidecar) is sent
 * back as it was read, since UpdateJob replaces the whole job.
 */
export function withLimits(
  job: ProtoJob,
  limits: ResourceLimits,
  etag: string,
  containerName?: string,
): ProtoJob {
  const resource = job.name ?? 'the job';
  const template = job.template?.template;
  const containers = template?.containers ?? [];
  const at =
    containerName === undefined ? 0 : containers.findIndex((c) => c.name === containerName);
  const container = containers[at];
  if (!template || containers.length === 0) {
    throw new GcpDataError(resource, 'template.template.containers', 'is empty');
  }
  if (!container) {
    throw new GcpDataError(
      resource,
      'template.template.containers',
      `has no container named "${containerName}"; it has ${containers.map((c) => `"${c.name ?? ''}"`).join(', ')}`,
    );
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
        containers: containers.map((c, i) => (i === at ? updatedContainer : c)),
        timeout: { seconds: String(Math.ceil(limits.timeoutSeconds)), nanos: 0 },
        maxRetries: limits.maxRetries,
      },
    },
  };
}
