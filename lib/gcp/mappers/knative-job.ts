/**
 * A Cloud Run Admin v2 Job as the Knative-style `run.googleapis.com/v1` Job manifest that
 * `gcloud run jobs replace` reads. Field names and where v2 fields live in v1 (annotations for the
 * execution environment, VPC access, Cloud SQL and the encryption key) follow
 * https://cloud.google.com/run/docs/reference/rest/v1/namespaces.jobs and
 * https://cloud.google.com/run/docs/reference/yaml/v1 ; the v2 side is
 * https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.jobs .
 * Output-only fields (uid, generation, times, conditions, etag) are left out, as `gcloud run jobs
 * describe --format export` leaves them out. v2 fields with no v1 form are named in `notCarried`.
 */
import type { protos } from '@google-cloud/run';
import { GcpDataError } from '../errors';
import { parseResourceName } from './proto-values';

type ProtoJob = protos.google.cloud.run.v2.IJob;
type ProtoContainer = protos.google.cloud.run.v2.IContainer;
type ProtoVolume = protos.google.cloud.run.v2.IVolume;
type ProtoTaskTemplate = protos.google.cloud.run.v2.ITaskTemplate;
type Manifest = Record<string, unknown>;

export interface KnativeJob {
  readonly manifest: Manifest;
  /** v2 fields that were set but have no place in a v1 manifest (so `replace` would drop them). */
  readonly notCarried: readonly string[];
}

const nonEmpty = <T>(list: readonly T[] | null | undefined): list is readonly T[] =>
  Array.isArray(list) && list.length > 0;

const withoutEmpty = (entries: Record<string, unknown>): Manifest =>
  Object.fromEntries(
    Object.entries(entries).filter(
      ([, value]) =>
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0) &&
        !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
    ),
  );

const EXECUTION_ENVIRONMENTS: Record<string, string> = {
  EXECUTION_ENVIRONMENT_GEN1: 'gen1',
  EXECUTION_ENVIRONMENT_GEN2: 'gen2',
};

const VPC_EGRESS: Record<string, string> = {
  ALL_TRAFFIC: 'all-traffic',
  PRIVATE_RANGES_ONLY: 'private-ranges-only',
};

function envOf(container: ProtoContainer): Manifest[] {
  return (container.env ?? []).map((variable) => {
    const secret = variable.valueSource?.secretKeyRef;
    if (secret) {
      return {
        name: variable.name,
        valueFrom: { secretKeyRef: { name: secret.secret, key: secret.version || 'latest' } },
      };
    }
    return { name: variable.name, value: variable.value ?? '' };
  });
}

function containerOf(container: ProtoContainer, notCarried: string[], index: number): Manifest {
  const at = `template.template.containers[${index}]`;
  if (container.startupProbe) notCarried.push(`${at}.startupProbe`);
  if (nonEmpty(container.dependsOn)) notCarried.push(`${at}.dependsOn`);
  return withoutEmpty({
    name: container.name,
    image: container.image,
    command: [...(container.command ?? [])],
    args: [...(container.args ?? [])],
    env: envOf(container),
    resources: withoutEmpty({ limits: { ...(container.resources?.limits ?? {}) } }),
    ports: (container.ports ?? []).map((port) =>
      withoutEmpty({ name: port.name, containerPort: port.containerPort }),
    ),
    volumeMounts: (container.volumeMounts ?? []).map((mount) =>
      withoutEmpty({ name: mount.name, mountPath: mount.mountPath }),
    ),
    workingDir: container.workingDir,
  });
}

/** Secret and in-memory volumes have v1 forms; Cloud SQL becomes an annotation (returned). */
function volumesOf(volumes: readonly ProtoVolume[], notCarried: string[]) {
  const manifests: Manifest[] = [];
  const cloudSql: string[] = [];
  volumes.forEach((volume, index) => {
    if (volume.secret) {
      manifests.push({
        name: volume.name,
        secret: withoutEmpty({
          secretName: volume.secret.secret,
          items: (volume.secret.items ?? []).map((item) =>
            withoutEmpty({ key: item.version || 'latest', path: item.path }),
          ),
          defaultMode: volume.secret.defaultMode || undefined,
        }),
      });
    } else if (volume.emptyDir) {
      manifests.push({
        name: volume.name,
        emptyDir: withoutEmpty({ medium: 'Memory', sizeLimit: volume.emptyDir.sizeLimit }),
      });
    } else if (volume.cloudSqlInstance) {
      cloudSql.push(...(volume.cloudSqlInstance.instances ?? []));
    } else {
      notCarried.push(`template.template.volumes[${index}]`);
    }
  });
  return { manifests, cloudSql };
}

function taskAnnotations(task: ProtoTaskTemplate, cloudSql: readonly string[]): Manifest {
  const environment = EXECUTION_ENVIRONMENTS[String(task.executionEnvironment ?? '')];
  return withoutEmpty({
    'run.googleapis.com/execution-environment': environment,
    'run.googleapis.com/vpc-access-connector': task.vpcAccess?.connector,
    'run.googleapis.com/vpc-access-egress': VPC_EGRESS[String(task.vpcAccess?.egress ?? '')],
    'run.googleapis.com/cloudsql-instances': cloudSql.join(','),
    'run.googleapis.com/encryption-key': task.encryptionKey,
  });
}

function taskSpecOf(task: ProtoTaskTemplate, notCarried: string[]) {
  const containers = (task.containers ?? []).map((container, index) =>
    containerOf(container, notCarried, index),
  );
  const { manifests: volumes, cloudSql } = volumesOf(task.volumes ?? [], notCarried);
  if (nonEmpty(task.vpcAccess?.networkInterfaces)) {
    notCarried.push('template.template.vpcAccess.networkInterfaces');
  }
  if (task.nodeSelector) notCarried.push('template.template.nodeSelector');
  const spec = withoutEmpty({
    containers,
    volumes,
    maxRetries: task.maxRetries ?? 0,
    // int64 in the v1 API, which JSON (and so `gcloud ... --format export`) writes as a string.
    timeoutSeconds: task.timeout?.seconds === undefined ? undefined : String(task.timeout.seconds),
    serviceAccountName: task.serviceAccount,
  });
  return { spec: { ...spec, maxRetries: task.maxRetries ?? 0 }, cloudSql };
}

export function knativeJobOf(job: ProtoJob): KnativeJob {
  const resource = job.name ?? 'a job';
  const name = parseResourceName(job.name, 'a job');
  const task = job.template?.template;
  if (!job.template || !task) throw new GcpDataError(resource, 'template.template', 'is missing');
  const notCarried: string[] = [];
  if (job.binaryAuthorization) notCarried.push('binaryAuthorization');
  const { spec, cloudSql } = taskSpecOf(task, notCarried);
  const manifest = {
    apiVersion: 'run.googleapis.com/v1',
    kind: 'Job',
    metadata: withoutEmpty({
      name: name.job,
      namespace: name.project,
      labels: { ...(job.labels ?? {}), 'cloud.googleapis.com/location': name.region },
      annotations: withoutEmpty({
        ...(job.annotations ?? {}),
        'run.googleapis.com/launch-stage':
          job.launchStage && job.launchStage !== 'GA' ? String(job.launchStage) : undefined,
        'run.googleapis.com/client-name': job.client,
      }),
    }),
    spec: {
      template: withoutEmpty({
        metadata: withoutEmpty({
          labels: { ...(job.template.labels ?? {}) },
          annotations: {
            ...(job.template.annotations ?? {}),
            ...taskAnnotations(task, cloudSql),
          },
        }),
        spec: withoutEmpty({
          parallelism: job.template.parallelism || undefined,
          // Proto3 omits a task count of 0; Cloud Run's default is 1.
          taskCount: job.template.taskCount || 1,
          template: { spec },
        }),
      }),
    },
  };
  return { manifest, notCarried };
}
