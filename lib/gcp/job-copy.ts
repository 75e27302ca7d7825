/**
 * A job as CreateJob takes it, copied from one read with GetJob. Only what a user sets is kept:
 * the template (with new limits), labels and annotations outside Cloud Run's own namespaces,
 * launch stage, binary authorization and client. What Cloud Run fills in — name, uid, generation,
 * etag, times, creator, conditions, execution counts, reconciling, satisfies_pzs — and the
 * execution tokens that would start a run on create are left out.
 */
import type { protos } from '@google-cloud/run';
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';
import { withLimits } from './job-limits';
import { mapJob } from './mappers/job';

type ProtoJob = protos.google.cloud.run.v2.IJob;
type StringMap = Readonly<Record<string, string>>;

/**
 * Label and annotation namespaces Cloud Run v2 keeps for itself and refuses on a new job
 * (job.proto and execution_template.proto, `labels` and `annotations`).
 */
const SYSTEM_NAMESPACES = [
  'run.googleapis.com',
  'cloud.googleapis.com',
  'serving.knative.dev',
  'autoscaling.knative.dev',
] as const;

function isSystemKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? '' : key.slice(0, slash);
  return SYSTEM_NAMESPACES.some((ns) => prefix === ns || prefix.endsWith(`.${ns}`));
}

/** The entries a user set, without those in Cloud Run's own namespaces. */
function userOwned(map: StringMap | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !isSystemKey(key)));
}

/** The fields of a Job a user sets (job.proto marks the others OUTPUT_ONLY), with `limits`. */
export function copyOfJob(
  source: ProtoJob,
  limits: ResourceLimits,
  labels: StringMap = {},
): ProtoJob {
  const { template } = withLimits(source, limits, '');
  return {
    labels: { ...userOwned(source.labels), ...labels },
    annotations: userOwned(source.annotations),
    ...(source.client && { client: source.client }),
    ...(source.clientVersion && { clientVersion: source.clientVersion }),
    ...(source.launchStage && { launchStage: source.launchStage }),
    ...(source.binaryAuthorization && { binaryAuthorization: source.binaryAuthorization }),
    template: {
      ...template,
      labels: userOwned(template?.labels),
      annotations: userOwned(template?.annotations),
    },
  };
}

/** The job a dry run would create, from the request alone: not created yet, so generation 0. */
export function plannedJob(job: ProtoJob, name: string, nowMs: number): JobRecord {
  const createTime = { seconds: Math.floor(nowMs / 1000), nanos: (nowMs % 1000) * 1e6 };
  return mapJob({ ...job, name, generation: 0, executionCount: 0, createTime });
}
