import type { FieldViolation } from './rpc-error';

/**
 * Cloud Run's rules for job limits, the emulator's own reading of the documentation
 * (cloud.google.com/run/docs/configuring/jobs/memory-limits and …/cpu): kept apart from
 * lib/domain on purpose, so the emulator stays an independent check on it.
 */
const GIB = 2 ** 30;
const CPU_VALUES = [1, 2, 4, 6, 8] as const;
/** Memory bounds per vCPU count, in bytes. */
const MEMORY_BY_CPU: Record<(typeof CPU_VALUES)[number], { min: number; max: number }> = {
  1: { min: 0.5 * GIB, max: 4 * GIB },
  2: { min: 0.5 * GIB, max: 8 * GIB },
  4: { min: 2 * GIB, max: 16 * GIB },
  6: { min: 4 * GIB, max: 24 * GIB },
  8: { min: 4 * GIB, max: 32 * GIB },
};
const MEMORY_MIN_BYTES = 0.5 * GIB;
const MEMORY_MAX_BYTES = 32 * GIB;
export const MAX_TIMEOUT_SECONDS = 168 * 3600;
export const MAX_RETRIES_LIMIT = 10;

const MEMORY_SUFFIX_BYTES: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Bytes of a Kubernetes-style memory quantity (`512Mi`, `1.5G`, `4294967296`), or undefined. */
export function parseMemoryBytes(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity.trim());
  if (!match) return undefined;
  return Number(match[1]) * (MEMORY_SUFFIX_BYTES[match[2] ?? ''] ?? Number.NaN);
}

/** vCPU of a CPU quantity (`2`, `2000m`, `0.5`), or undefined. */
export function parseCpu(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m)?$/.exec(quantity.trim());
  if (!match) return undefined;
  return Number(match[1]) / (match[2] ? 1000 : 1);
}

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
  const cpuOk = vcpu !== undefined && (CPU_VALUES as readonly number[]).includes(vcpu);
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
    const bounds = MEMORY_BY_CPU[vcpu as (typeof CPU_VALUES)[number]];
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
