import { formatCpuQuantity, formatMemoryQuantity } from '@/lib/domain/quantities';
import type { ResourceLimits } from '@/lib/domain/records';

export { limitsOf } from './job-limits';

/** Limits in the API's own shape, the one proposals are written in: `{cpu: "2", memory: "4Gi", …}`. */
export function limitsJson(limits: ResourceLimits) {
  return {
    cpu: formatCpuQuantity(limits.vcpu),
    memory: formatMemoryQuantity(limits.memoryBytes),
    timeoutSeconds: limits.timeoutSeconds,
    maxRetries: limits.maxRetries,
  };
}

export type LimitsJson = ReturnType<typeof limitsJson>;
