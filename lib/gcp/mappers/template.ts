import type { protos } from '@google-cloud/run';
import { parseCpuQuantity, parseMemoryQuantity, QuantityError } from '@/lib/domain/quantities';
import type { ExecutionPayload, ResourceLimits, SidecarLimits } from '@/lib/domain/records';
import { GcpDataError } from '../errors';
import { durationSeconds, numberOf } from './proto-values';

type TaskTemplate = protos.google.cloud.run.v2.ITaskTemplate;

/** Cloud Run's documented defaults when a template leaves them unset (DESIGN §2). */
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 3;
export const PAYLOAD_ENV_NAME = 'JOB_PAYLOAD';

export interface TemplateFacts {
  readonly limits: ResourceLimits;
  /** Only when the template has containers after the first. */
  readonly sidecars?: SidecarLimits[];
  readonly image: string;
  readonly serviceAccount: string;
  readonly env: Readonly<Record<string, string>>;
  readonly payload: ExecutionPayload;
}

function quantity(
  text: string | undefined,
  parse: (t: string) => number,
  resource: string,
  field: string,
): number {
  if (text === undefined || text === '') throw new GcpDataError(resource, field, 'is missing');
  try {
    const value = parse(text);
    if (value <= 0) throw new GcpDataError(resource, field, `is zero ("${text}")`);
    return value;
  } catch (err) {
    if (err instanceof QuantityError)
      throw new GcpDataError(resource, field, `is unreadable: ${err.message}`);
    throw err;
  }
}

function maxRetriesOf(template: TaskTemplate, resource: string, field: string): number {
  const value = numberOf(template.maxRetries);
  if (value === undefined) return DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(value) || value < 0) {
    throw new GcpDataError(resource, field, `is not a whole number of zero or more (${value})`);
  }
  return value;
}

type Container = NonNullable<TaskTemplate['containers']>[number];

/** Cloud Run's defaults for a container that sets no limits: 1 vCPU and 512 MiB. */
const DEFAULT_CONTAINER_LIMITS = { cpu: '1', memory: '512Mi' } as const;

/** The containers after the first (sidecars), each with its limits: billed with the main one. */
function sidecarsOf(
  containers: readonly Container[],
  resource: string,
  path: string,
): SidecarLimits[] {
  return containers.slice(1).map((container, i) => {
    const at = `${path}.containers[${i + 1}].resources.limits`;
    const limits = { ...DEFAULT_CONTAINER_LIMITS, ...container.resources?.limits };
    return {
      name: container.name || `container ${i + 2}`,
      vcpu: quantity(limits.cpu, parseCpuQuantity, resource, `${at}.cpu`),
      memoryBytes: quantity(limits.memory, parseMemoryQuantity, resource, `${at}.memory`),
    };
  });
}

const sidecarField = (sidecars: SidecarLimits[]) => (sidecars.length > 0 ? { sidecars } : {});

/** JSON.parse of the payload env var; a failure keeps the raw text and the parser's reason. */
export function readPayload(raw: string | undefined): ExecutionPayload {
  if (raw === undefined) return { state: 'absent' };
  try {
    return { state: 'ok', raw, value: JSON.parse(raw) as unknown };
  } catch (err) {
    return { state: 'unreadable', raw, reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The facts Tierwise reads from a task template: the first container's limits, image and env, the
 * other containers' limits (sidecars, billed with it),
 * the per-attempt timeout and max retries. `path` is the template's field path in `resource`.
 */
export function readTaskTemplate(
  template: TaskTemplate | null | undefined,
  resource: string,
  path: string,
): TemplateFacts {
  if (!template) throw new GcpDataError(resource, path, 'is missing');
  const container = template.containers?.[0];
  if (!container) throw new GcpDataError(resource, `${path}.containers`, 'is empty');
  const limitsPath = `${path}.containers[0].resources.limits`;
  const limits = container.resources?.limits ?? {};
  const env: Record<string, string> = {};
  let secretPayload = false;
  for (const variable of container.env ?? []) {
    if (!variable.name) continue;
    if (typeof variable.value === 'string' && !variable.valueSource)
      env[variable.name] = variable.value;
    else if (variable.name === PAYLOAD_ENV_NAME) secretPayload = true;
  }
  const payload: ExecutionPayload = secretPayload
    ? {
        state: 'unreadable',
        raw: '',
        reason: `${PAYLOAD_ENV_NAME} is set from a secret, which Tierwise does not read`,
      }
    : readPayload(env[PAYLOAD_ENV_NAME]);
  return {
    limits: {
      vcpu: quantity(limits.cpu, parseCpuQuantity, resource, `${limitsPath}.cpu`),
      memoryBytes: quantity(limits.memory, parseMemoryQuantity, resource, `${limitsPath}.memory`),
      // An unset (or zero) timeout means Cloud Run's default applies.
      timeoutSeconds:
        durationSeconds(template.timeout, resource, `${path}.timeout`) || DEFAULT_TIMEOUT_SECONDS,
      maxRetries: maxRetriesOf(template, resource, `${path}.maxRetries`),
    },
    ...sidecarField(sidecarsOf(template.containers ?? [], resource, path)),
    image: container.image ?? '',
    serviceAccount: template.serviceAccount ?? '',
    env,
    payload,
  };
}
