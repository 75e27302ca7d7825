/**
 * Cloud Run limit quantities as a scenario writes them, and the rules a job's limits must obey
 * (cloud.google.com/run/docs/configuring/jobs/memory-limits and …/cpu). The simulator keeps its own
 * reading of these rules so it stays independent of the analysis code it checks.
 */
export const GIB = 2 ** 30;
export const MIB = 2 ** 20;
export const VCPU_OPTIONS = [1, 2, 4, 6, 8] as const;
export const MAX_TIMEOUT_SECONDS = 168 * 3600;
export const MAX_RETRIES = 10;
export const MEMORY_MIN_GIB = 0.5;
export const MEMORY_MAX_GIB = 32;

const MEMORY_SUFFIX_BYTES: Readonly<Record<string, number>> = {
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

/** Memory bounds per vCPU count, in GiB. */
export const MEMORY_GIB_BY_VCPU: Readonly<Record<number, { min: number; max: number }>> = {
  1: { min: 0.5, max: 4 },
  2: { min: 0.5, max: 8 },
  4: { min: 2, max: 16 },
  6: { min: 4, max: 24 },
  8: { min: 4, max: 32 },
};

/** Bytes of a memory quantity such as `512Mi`, `4Gi`, `1.5G`; undefined when unreadable. */
export function parseMemoryBytes(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity.trim());
  if (!match) return undefined;
  return Number(match[1]) * (MEMORY_SUFFIX_BYTES[match[2] ?? ''] ?? Number.NaN);
}

/** vCPU of a CPU quantity such as `2` or `2000m`; undefined when unreadable. */
export function parseVcpu(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m)?$/.exec(quantity.trim());
  if (!match) return undefined;
  return Number(match[1]) / (match[2] ? 1000 : 1);
}

/** What is wrong with a CPU quantity for a job, or undefined when it is valid. */
export function cpuProblem(quantity: string): string | undefined {
  const vcpu = parseVcpu(quantity);
  if (vcpu === undefined) return `"${quantity}" is not a CPU quantity such as "2" or "2000m"`;
  if (!(VCPU_OPTIONS as readonly number[]).includes(vcpu)) {
    return `"${quantity}" is not a valid job CPU; use one of ${VCPU_OPTIONS.join(', ')}`;
  }
  return undefined;
}

/** What is wrong with a memory quantity for a job with this CPU, or undefined when it is valid. */
export function memoryProblem(quantity: string, cpuQuantity: string): string | undefined {
  const bytes = parseMemoryBytes(quantity);
  if (bytes === undefined) return `"${quantity}" is not a memory quantity such as "512Mi" or "4Gi"`;
  const gib = bytes / GIB;
  if (gib > MEMORY_MAX_GIB) return `"${quantity}" exceeds 32 GiB, the most Cloud Run allows`;
  if (gib < MEMORY_MIN_GIB) return `"${quantity}" is below 512 MiB, the least Cloud Run allows`;
  const vcpu = parseVcpu(cpuQuantity);
  const bounds = vcpu === undefined ? undefined : MEMORY_GIB_BY_VCPU[vcpu];
  if (!bounds) return undefined;
  if (gib > bounds.max)
    return `"${quantity}" exceeds ${bounds.max} GiB, the most ${vcpu} vCPU allows`;
  if (gib < bounds.min)
    return `"${quantity}" is below ${bounds.min} GiB, the least ${vcpu} vCPU needs`;
  return undefined;
}
