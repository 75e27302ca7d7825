import type { FieldViolation } from './rpc-error';
import {
  GIB,
  MAX_RETRIES,
  MAX_TIMEOUT_SECONDS,
  MEMORY_GIB_BY_VCPU,
  MEMORY_MAX_GIB,
  MEMORY_MIN_GIB,
  parseMemoryBytes,
  parseVcpu,
  VCPU_OPTIONS,
} from '../sim/quantities';

/**
 * Cloud Run's rules for job limits as the Admin API checks them, with its wording. The rules
 * themselves (cloud.google.com/run/docs/configuring/jobs/memory-limits and …/cpu) have one copy in
 * the emulator, `sim/quantities.ts`, kept apart from lib/domain so the emulator stays an
 * independent check on it.
 */
const MEMORY_MIN_BYTES = MEMORY_MIN_GIB * GIB;
const MEMORY_MAX_BYTES = MEMORY_MAX_GIB * GIB;
export { MAX_TIMEOUT_SECONDS, parseMemoryBytes };
export const MAX_RETRIES_LIMIT = MAX_RETRIES;
/** vCPU of a CPU quantity (`2`, `2000m`, `0.5`), or undefined. */
export const parseCpu = parseVcpu;

/** `4Gi`, `512Mi`, `1.5Gi` for a byte count on a binary boundary. */
function formatGib(bytes: number): string {
  return bytes < GIB ? `${bytes / 2 ** 20}Mi` : `${bytes / GIB}Gi`;
}

export interface LimitsInput {
  cpu: string;
  memory: string;
}

/** Violations of the CPU and memory rules; `field` is the path of the `limits` map. */
export function checkLimits(limits: LimitsInput, field: string): FieldViolation[] {
  const cpuField = `${field}.cpu`;
  const memoryField = `${field}.memory`;
  const violations: FieldViolation[] = [];
  const vcpu = parseCpu(limits.cpu);
  const cpuOk = vcpu !== undefined && (VCPU_OPTIONS as readonly number[]).includes(vcpu);
  if (!cpuOk) {
    violations.push({
      field: cpuField,
      description: `${limits.cpu} is not a valid CPU limit for jobs: use 1, 2, 4, 6 or 8 vCPU (or 1000m … 8000m)`,
    });
  }
  const bytes = parseMemoryBytes(limits.memory);
  if (bytes === undefined || !Number.isFinite(bytes)) {
    violations.push({
      field: memoryField,
      description: `${limits.memory} is not a memory quantity: write a number with Ki, Mi, Gi, Ti, k, M, G or T, e.g. 512Mi or 2Gi`,
    });
    return violations;
  }
  if (bytes < MEMORY_MIN_BYTES) {
    violations.push({
      field: memoryField,
      description: `${limits.memory} is below the 512Mi minimum for jobs`,
    });
  } else if (bytes > MEMORY_MAX_BYTES) {
    violations.push({
      field: memoryField,
      description: `${limits.memory} is above the 32Gi maximum for jobs`,
    });
  } else if (cpuOk) {
    const gib = MEMORY_GIB_BY_VCPU[vcpu as number] ?? { min: MEMORY_MIN_GIB, max: MEMORY_MAX_GIB };
    const bounds = { min: gib.min * GIB, max: gib.max * GIB };
    const cpuText = `${vcpu} vCPU`;
    if (bytes < bounds.min) {
      violations.push({
        field: memoryField,
        description: `${limits.memory} is below the ${formatGib(bounds.min)} minimum for ${cpuText}`,
      });
    } else if (bytes > bounds.max) {
      violations.push({
        field: memoryField,
        description: `${limits.memory} is above the ${formatGib(bounds.max)} maximum for ${cpuText}`,
      });
    }
  }
  return violations;
}

export function checkTimeout(timeoutSeconds: number, field: string): FieldViolation[] {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    return [
      { field, description: `${timeoutSeconds}s is not a valid task timeout: it must be above 0` },
    ];
  }
  if (timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    return [
      { field, description: `${timeoutSeconds}s is above the 168h (604800s) maximum task timeout` },
    ];
  }
  return [];
}

export function checkMaxRetries(maxRetries: number, field: string): FieldViolation[] {
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
    return [{ field, description: `${maxRetries} is not a valid number of retries: use 0 to 10` }];
  }
  return [];
}
