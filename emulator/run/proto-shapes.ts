import type { SimEnvVar, SimTaskTemplate } from '../world/types';

/**
 * Shapes of the protobuf messages as @grpc/proto-loader hands them over and takes them back:
 * camelCase fields, int64 as strings, enums as names. Only the fields the emulator reads.
 */
export interface ProtoTimestamp {
  seconds: string;
  nanos: number;
}

export interface ProtoDuration {
  seconds?: string | number;
  nanos?: number;
}

export interface ProtoEnvVar {
  name?: string;
  value?: string;
}

export interface ProtoContainer {
  name?: string;
  image?: string;
  env?: ProtoEnvVar[];
  resources?: { limits?: Record<string, string> };
}

export interface ProtoTaskTemplate {
  containers?: ProtoContainer[];
  maxRetries?: number;
  retries?: string;
  timeout?: ProtoDuration;
  serviceAccount?: string;
}

export interface ProtoJob {
  name?: string;
  labels?: Record<string, string>;
  etag?: string;
  template?: {
    labels?: Record<string, string>;
    parallelism?: number;
    taskCount?: number;
    template?: ProtoTaskTemplate;
  };
}

export function timestamp(ms: number): ProtoTimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

export function duration(totalSeconds: number): ProtoTimestamp {
  const seconds = Math.floor(totalSeconds);
  return { seconds: String(seconds), nanos: Math.round((totalSeconds - seconds) * 1e9) };
}

export function durationSeconds(value: ProtoDuration): number {
  return Number(value.seconds ?? 0) + (value.nanos ?? 0) / 1e9;
}

export function envVars(env: readonly SimEnvVar[]): ProtoEnvVar[] {
  return env.map(({ name, value }) => ({ name, value }));
}

/** Container name Cloud Run gives the single container of a job created without one. */
export const CONTAINER_NAME = 'job';

/** The parts of a TaskTemplate shared by Job.template.template, Execution.template and Task. */
export function containerFields(template: SimTaskTemplate) {
  return {
    containers: [
      {
        name: CONTAINER_NAME,
        image: template.image,
        env: envVars(template.env),
        resources: { limits: { cpu: template.limits.cpu, memory: template.limits.memory } },
      },
      ...(template.sidecars ?? []).map((sidecar) => ({
        name: sidecar.name,
        image: sidecar.image,
        resources: { limits: { cpu: sidecar.limits.cpu, memory: sidecar.limits.memory } },
      })),
    ],
    maxRetries: template.maxRetries,
    timeout: duration(template.timeoutSeconds),
    serviceAccount: template.serviceAccount,
    executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
  };
}
