/**
 * The limits of a Cloud Run job's task and the rules Cloud Run enforces on them (DESIGN §2):
 * CPU ∈ {1, 2, 4, 6, 8}, memory 512 MiB–32 GiB with per-CPU bounds, timeout per attempt up to
 * 168 h, 0–10 retries. Sub-1 vCPU is not confirmed for jobs, so it is treated as invalid.
 */
import { formatBytesHuman, formatMemoryQuantity } from './quantities';

export type Limits = {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
};

export const CPU_OPTIONS = [1, 2, 4, 6, 8] as const;
export type CpuOption = (typeof CPU_OPTIONS)[number];

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export const MIN_MEMORY_BYTES = 512 * MiB;
export const MAX_MEMORY_BYTES = 32 * GiB;
export const MAX_TIMEOUT_SECONDS = 168 * 3600;
export const MAX_RETRIES = 10;
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 3;

/** Memory bounds Cloud Run allows for each CPU value. */
export const MEMORY_BOUNDS_BY_CPU: Readonly<
  Record<CpuOption, { minBytes: number; maxBytes: number }>
> = {
  1: { minBytes: 512 * MiB, maxBytes: 4 * GiB },
  2: { minBytes: 512 * MiB, maxBytes: 8 * GiB },
  4: { minBytes: 2 * GiB, maxBytes: 16 * GiB },
  6: { minBytes: 4 * GiB, maxBytes: 24 * GiB },
  8: { minBytes: 4 * GiB, maxBytes: 32 * GiB },
};

export type LimitErrors = Partial<Record<keyof Limits, string>>;
export type LimitsValidation = { ok: true } | { ok: false; errors: LimitErrors };

export function isCpuOption(vcpu: number): vcpu is CpuOption {
  return (CPU_OPTIONS as readonly number[]).includes(vcpu);
}

/** `4Gi`, or `1500M (≈ 1.4 GiB)` / `4294967297 bytes (≈ 4 GiB)` when not a whole binary unit. */
export function describeMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0 || bytes > Number.MAX_SAFE_INTEGER)
    return formatBytesHuman(bytes);
  const quantity = formatMemoryQuantity(bytes);
  if (/[KMGTPE]i$/.test(quantity)) return quantity;
  const written = /^\d+$/.test(quantity) ? `${quantity} bytes` : quantity;
  return `${written} (≈ ${formatBytesHuman(bytes)})`;
}

const CPU_LIST = 'a whole 1, 2, 4, 6 or 8 vCPU';

function cpuError(vcpu: number): string | undefined {
  if (!Number.isFinite(vcpu)) return `CPU must be ${CPU_LIST}.`;
  if (vcpu < 1)
    return `Cloud Run jobs need at least 1 vCPU; ${vcpu} is too small. Use ${CPU_LIST}.`;
  if (vcpu > 8) return `Cloud Run jobs allow at most 8 vCPU; ${vcpu} is too many.`;
  if (!isCpuOption(vcpu)) return `CPU must be ${CPU_LIST}; ${vcpu} is not one of them.`;
  return undefined;
}

function memoryError(memoryBytes: number, vcpu: number): string | undefined {
  if (!Number.isFinite(memoryBytes) || !Number.isInteger(memoryBytes)) {
    return 'Memory must be a whole number of bytes, such as 512Mi or 4Gi.';
  }
  const shown = describeMemory(memoryBytes);
  if (memoryBytes < MIN_MEMORY_BYTES)
    return `Memory must be at least 512Mi; ${shown} is too little.`;
  if (memoryBytes > MAX_MEMORY_BYTES) return `Memory can be at most 32Gi; ${shown} is too much.`;
  if (!isCpuOption(vcpu)) return undefined;
  const { minBytes, maxBytes } = MEMORY_BOUNDS_BY_CPU[vcpu];
  if (memoryBytes > maxBytes) {
    const enough = CPU_OPTIONS.find(
      (option) => MEMORY_BOUNDS_BY_CPU[option].maxBytes >= memoryBytes,
    );
    return `With ${vcpu} vCPU, memory can be at most ${describeMemory(maxBytes)}; ${shown} needs ${enough} vCPU or more.`;
  }
  if (memoryBytes < minBytes) {
    return `With ${vcpu} vCPU, memory must be at least ${describeMemory(minBytes)}; ${shown} is too little.`;
  }
  return undefined;
}

function timeoutError(timeoutSeconds: number): string | undefined {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    return 'Task timeout must be more than 0 seconds.';
  }
  if (timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    return `Task timeout can be at most 168 hours (${MAX_TIMEOUT_SECONDS} seconds); ${timeoutSeconds} is too long.`;
  }
  return undefined;
}

function retriesError(maxRetries: number): string | undefined {
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES) {
    return `Max retries must be a whole number from 0 to ${MAX_RETRIES}; ${maxRetries} is not.`;
  }
  return undefined;
}

/** Checks a limit set against Cloud Run's rules, with one message per offending field. */
export function validateLimits(limits: Limits): LimitsValidation {
  const candidates: LimitErrors = {
    vcpu: cpuError(limits.vcpu),
    memoryBytes: memoryError(limits.memoryBytes, limits.vcpu),
    timeoutSeconds: timeoutError(limits.timeoutSeconds),
    maxRetries: retriesError(limits.maxRetries),
  };
  const errors: LimitErrors = {};
  for (const key of Object.keys(candidates) as (keyof Limits)[]) {
    const message = candidates[key];
    if (message !== undefined) errors[key] = message;
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}

export type LimitsWish = {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds?: number;
  readonly maxRetries?: number;
};

export type SnapOptions = { readonly memoryStepBytes?: number };

export type SnapResult =
  { ok: true; limits: Limits; adjustments: string[] } | { ok: false; reason: string };

const DEFAULT_MEMORY_STEP_BYTES = 256 * MiB;

function snapTimeout(wish: number | undefined, adjustments: string[]): number | string {
  if (wish === undefined) return DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(wish) || wish <= 0)
    return `A task timeout of ${wish} seconds cannot be met; it must be more than 0.`;
  const seconds = Math.ceil(wish);
  if (seconds > MAX_TIMEOUT_SECONDS) {
    adjustments.push(
      `Timeout lowered from ${seconds} s to the 168-hour maximum (${MAX_TIMEOUT_SECONDS} s).`,
    );
    return MAX_TIMEOUT_SECONDS;
  }
  if (seconds !== wish) adjustments.push(`Timeout rounded up from ${wish} s to ${seconds} s.`);
  return seconds;
}

function snapRetries(wish: number | undefined, adjustments: string[]): number | string {
  if (wish === undefined) return DEFAULT_MAX_RETRIES;
  if (Number.isNaN(wish)) return 'Max retries must be a number from 0 to 10.';
  const retries = Math.min(MAX_RETRIES, Math.max(0, Math.ceil(wish)));
  if (retries !== wish)
    adjustments.push(`Max retries set to ${retries} (Cloud Run allows 0 to ${MAX_RETRIES}).`);
  return retries;
}

/** The lowest CPU option ≥ the wish whose memory range reaches the memory, with that memory. */
function snapCpuAndMemory(
  wish: LimitsWish,
  stepBytes: number,
  adjustments: string[],
): { vcpu: number; memoryBytes: number } | string {
  if (!Number.isFinite(wish.vcpu) || wish.vcpu < 0)
    return `A CPU wish of ${wish.vcpu} vCPU cannot be met.`;
  if (!Number.isFinite(wish.memoryBytes) || wish.memoryBytes < 0) {
    return `A memory wish of ${wish.memoryBytes} bytes cannot be met.`;
  }
  const roundedBytes = Math.max(
    MIN_MEMORY_BYTES,
    Math.ceil(wish.memoryBytes / stepBytes) * stepBytes,
  );
  if (roundedBytes > MAX_MEMORY_BYTES) {
    return `${describeMemory(wish.memoryBytes)} of memory is more than the 32Gi Cloud Run jobs allow.`;
  }
  const vcpu = CPU_OPTIONS.find(
    (option) => option >= wish.vcpu && MEMORY_BOUNDS_BY_CPU[option].maxBytes >= roundedBytes,
  );
  if (vcpu === undefined) return `${wish.vcpu} vCPU is more than the 8 vCPU Cloud Run jobs allow.`;
  const memoryBytes = Math.max(roundedBytes, MEMORY_BOUNDS_BY_CPU[vcpu].minBytes);
  if (vcpu !== wish.vcpu) {
    const why =
      vcpu > Math.max(1, wish.vcpu) ? ` because ${describeMemory(roundedBytes)} needs it` : '';
    adjustments.push(`CPU raised from ${wish.vcpu} to ${vcpu} vCPU${why}.`);
  }
  if (memoryBytes !== wish.memoryBytes) {
    adjustments.push(
      `Memory raised from ${describeMemory(wish.memoryBytes)} to ${describeMemory(memoryBytes)}.`,
    );
  }
  return { vcpu, memoryBytes };
}

/**
 * The cheapest valid limit set covering the wish: at least the wished vCPU and memory (memory rounded
 * up to whole 256 MiB steps by default). A lower CPU always costs less because the per-CPU memory
 * minimum never falls as CPU rises, so the first CPU option that fits is the cheapest at any price.
 */
export function snapLimits(wish: LimitsWish, options: SnapOptions = {}): SnapResult {
  const stepBytes = options.memoryStepBytes ?? DEFAULT_MEMORY_STEP_BYTES;
  if (!Number.isFinite(stepBytes) || stepBytes <= 0) {
    return {
      ok: false,
      reason: `A memory step of ${stepBytes} bytes is not usable; it must be more than 0.`,
    };
  }
  const adjustments: string[] = [];
  const cpuAndMemory = snapCpuAndMemory(wish, stepBytes, adjustments);
  if (typeof cpuAndMemory === 'string') return { ok: false, reason: cpuAndMemory };
  const timeoutSeconds = snapTimeout(wish.timeoutSeconds, adjustments);
  if (typeof timeoutSeconds === 'string') return { ok: false, reason: timeoutSeconds };
  const maxRetries = snapRetries(wish.maxRetries, adjustments);
  if (typeof maxRetries === 'string') return { ok: false, reason: maxRetries };
  return { ok: true, limits: { ...cpuAndMemory, timeoutSeconds, maxRetries }, adjustments };
}
