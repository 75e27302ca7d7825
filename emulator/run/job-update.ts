import type { SimEnvVar, SimJobUpdate, SimSidecar } from '../world/types';
import { checkLabels } from './labels';
import { checkLimits, checkMaxRetries, checkTimeout, parseCpu, parseMemoryBytes } from './limits';
import {
  CONTAINER_NAME,
  durationSeconds,
  type ProtoContainer,
  type ProtoJob,
} from './proto-shapes';
import { invalidArgument, type FieldViolation } from './rpc-error';

/** Cloud Run's defaults for what a job update leaves out. */
const DEFAULT_CPU = '1';
const DEFAULT_MEMORY = '512Mi';
const DEFAULT_TIMEOUT_SECONDS = 600;
const DEFAULT_MAX_RETRIES = 3;
const MAX_TASK_COUNT = 10_000;
/** Cloud Run allows up to 10 containers per instance, the first one and its sidecars. */
const MAX_CONTAINERS = 10;

const TASK = 'job.template.template';
const CONTAINER = `${TASK}.containers[0]`;

function checkCounts(taskCount: number, parallelism: number): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!Number.isInteger(taskCount) || taskCount < 1 || taskCount > MAX_TASK_COUNT) {
    violations.push({
      field: 'job.template.task_count',
      description: `${taskCount} is not 1 to ${MAX_TASK_COUNT}`,
    });
  }
  if (!Number.isInteger(parallelism) || parallelism < 0) {
    violations.push({
      field: 'job.template.parallelism',
      description: `${parallelism} must be 0 (no limit) or more`,
    });
  }
  return violations;
}

function envOf(job: ProtoJob): { env: SimEnvVar[]; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const env = (job.template?.template?.containers?.[0]?.env ?? []).map((variable, i) => {
    if (!variable.name)
      violations.push({ field: `${CONTAINER}.env[${i}].name`, description: 'is required' });
    return { name: variable.name ?? '', value: variable.value ?? '' };
  });
  return { env, violations };
}

/** The containers after the first: each needs an image, a name of its own and readable limits. */
function sidecarsOf(containers: readonly ProtoContainer[]): {
  sidecars: SimSidecar[];
  violations: FieldViolation[];
} {
  const violations: FieldViolation[] = [];
  const names = new Set([containers[0]?.name || CONTAINER_NAME]);
  const sidecars = containers.slice(1).map((container, i) => {
    const field = `${TASK}.containers[${i + 1}]`;
    const name = container.name ?? '';
    if (!name)
      violations.push({ field: `${field}.name`, description: 'is required for a sidecar' });
    else if (names.has(name))
      violations.push({
        field: `${field}.name`,
        description: `"${name}" is used by another container`,
      });
    names.add(name);
    if (!container.image) violations.push({ field: `${field}.image`, description: 'is required' });
    const limits = {
      cpu: container.resources?.limits?.cpu ?? DEFAULT_CPU,
      memory: container.resources?.limits?.memory ?? DEFAULT_MEMORY,
    };
    if (!(Number(parseCpu(limits.cpu)) > 0))
      violations.push({
        field: `${field}.resources.limits.cpu`,
        description: `"${limits.cpu}" is not a CPU quantity`,
      });
    if (!(Number(parseMemoryBytes(limits.memory)) > 0))
      violations.push({
        field: `${field}.resources.limits.memory`,
        description: `"${limits.memory}" is not a memory quantity`,
      });
    return { name, image: container.image ?? '', limits };
  });
  return { sidecars, violations };
}

/**
 * Reads the job of an UpdateJob or CreateJob request, checking it as Cloud Run does: every
 * violation is reported at once, each naming its field.
 */
export function jobUpdateFromProto(job: ProtoJob): SimJobUpdate {
  const task = job.template?.template ?? {};
  const containers = task.containers ?? [];
  const container = containers[0];
  const violations: FieldViolation[] = [];
  if (containers.length < 1 || containers.length > MAX_CONTAINERS) {
    violations.push({
      field: `${TASK}.containers`,
      description: `has ${containers.length} containers; a job has 1 to ${MAX_CONTAINERS}`,
    });
  }
  const { sidecars, violations: sidecarViolations } = sidecarsOf(containers);
  violations.push(...sidecarViolations);
  if (container && !container.image)
    violations.push({ field: `${CONTAINER}.image`, description: 'is required' });
  const limits = {
    cpu: container?.resources?.limits?.cpu ?? DEFAULT_CPU,
    memory: container?.resources?.limits?.memory ?? DEFAULT_MEMORY,
  };
  const timeoutSeconds = task.timeout ? durationSeconds(task.timeout) : DEFAULT_TIMEOUT_SECONDS;
  const maxRetries = task.maxRetries ?? DEFAULT_MAX_RETRIES;
  const taskCount = job.template?.taskCount || 1;
  const parallelism = job.template?.parallelism ?? 0;
  const { env, violations: envViolations } = envOf(job);
  violations.push(
    ...checkLimits(limits, `${CONTAINER}.resources.limits`),
    ...checkTimeout(timeoutSeconds, `${TASK}.timeout`),
    ...checkMaxRetries(maxRetries, `${TASK}.max_retries`),
    ...checkCounts(taskCount, parallelism),
    ...envViolations,
    ...checkLabels(job.labels, 'job.labels'),
    ...checkLabels(job.template?.labels, 'job.template.labels'),
  );
  if (violations.length > 0) {
    throw invalidArgument(
      violations.map((v) => `${v.field}: ${v.description}`).join('; '),
      violations,
    );
  }
  return {
    template: {
      image: container?.image ?? '',
      limits,
      env,
      timeoutSeconds,
      maxRetries,
      serviceAccount: task.serviceAccount ?? '',
      ...(sidecars.length > 0 && { sidecars }),
    },
    taskCount,
    parallelism,
    labels: { ...job.labels },
  };
}
