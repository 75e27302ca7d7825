/**
 * A change as one `gcloud run jobs update` line. Flags and their value forms are those of
 * https://cloud.google.com/sdk/gcloud/reference/run/jobs/update : `--cpu`, `--memory` (Kubernetes
 * quantities), `--task-timeout` (a duration such as `900s`), `--max-retries`, `--region`, and the
 * gcloud-wide `--project`.
 */
import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { ResourceLimits } from '@/lib/domain/records';
import { flag, shellQuote } from './shell';

export interface JobTarget {
  readonly project: string;
  readonly region: string;
  readonly job: string;
}

export function gcloudUpdateCommand(target: JobTarget, limits: ResourceLimits): string {
  return [
    'gcloud run jobs update',
    shellQuote(target.job),
    flag('region', target.region),
    flag('project', target.project),
    flag('cpu', formatCpuQuantity(limits.vcpu)),
    flag('memory', formatMemoryQuantity(limits.memoryBytes)),
    flag('task-timeout', `${Math.ceil(limits.timeoutSeconds)}s`),
    flag('max-retries', String(limits.maxRetries)),
  ].join(' ');
}
