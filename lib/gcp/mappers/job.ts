import type { protos } from '@google-cloud/run';
import type { JobRecord } from '@/lib/domain/records';
import { GcpDataError } from '../errors';
import { countOf, parseResourceName, timestampMs } from './proto-values';
import { readTaskTemplate } from './template';

export type ProtoJob = protos.google.cloud.run.v2.IJob;

/** Job → JobRecord. Throws GcpDataError naming the field when the job cannot be trusted. */
export function mapJob(job: ProtoJob): JobRecord {
  const name = parseResourceName(job.name, 'a job');
  const resource = job.name ?? '';
  if (name.execution) throw new GcpDataError(resource, 'name', 'names an execution, not a job');
  const template = job.template;
  if (!template) throw new GcpDataError(resource, 'template', 'is missing');
  const facts = readTaskTemplate(template.template, resource, 'template.template');
  const updateMs =
    timestampMs(job.updateTime, resource, 'updateTime') ??
    timestampMs(job.createTime, resource, 'createTime');
  if (updateMs === undefined) throw new GcpDataError(resource, 'updateTime', 'is missing');
  return {
    project: name.project,
    region: name.region,
    name: name.job,
    fullName: resource,
    generation: countOf(job.generation, resource, 'generation'),
    etag: job.etag ?? '',
    ...facts.limits,
    ...(facts.sidecars && { sidecars: facts.sidecars }),
    // Proto3 omits a task count of 0; Cloud Run's default and minimum is 1.
    taskCount: countOf(template.taskCount, resource, 'template.taskCount') || 1,
    parallelism: countOf(template.parallelism, resource, 'template.parallelism'),
    serviceAccount: facts.serviceAccount,
    image: facts.image,
    updateMs,
    executionCount: countOf(job.executionCount, resource, 'executionCount'),
    env: facts.env,
    labels: { ...(job.labels ?? {}) },
  };
}
