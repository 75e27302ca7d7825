import { describeMemory } from '@/lib/domain/limits';
import type { JobRecord, ResourceLimits } from '@/lib/domain/records';

export function limitsOf(job: JobRecord): ResourceLimits {
  return {
    vcpu: job.vcpu,
    memoryBytes: job.memoryBytes,
    timeoutSeconds: job.timeoutSeconds,
    maxRetries: job.maxRetries,
  };
}

export function sameLimits(a: ResourceLimits, b: ResourceLimits): boolean {
  return (
    a.vcpu === b.vcpu &&
    a.memoryBytes === b.memoryBytes &&
    a.timeoutSeconds === b.timeoutSeconds &&
    a.maxRetries === b.maxRetries
  );
}

/** `2 vCPU, 4Gi, 600 s timeout, 1 retry` */
export function describeLimits(limits: ResourceLimits): string {
  const retries = `${limits.maxRetries} ${limits.maxRetries === 1 ? 'retry' : 'retries'}`;
  return `${limits.vcpu} vCPU, ${describeMemory(limits.memoryBytes)}, ${limits.timeoutSeconds} s timeout, ${retries}`;
}

/** What differs between what a change was proposed against and the job as it is now. */
export function driftOf(
  proposedAgainst: { etag: string; limits: ResourceLimits },
  job: JobRecord,
): string[] {
  const drift: string[] = [];
  const now = limitsOf(job);
  if (!sameLimits(proposedAgainst.limits, now)) {
    drift.push(
      `its limits changed from ${describeLimits(proposedAgainst.limits)} to ${describeLimits(now)}`,
    );
  }
  if (job.etag !== proposedAgainst.etag && drift.length === 0) {
    drift.push(`it was edited (etag ${proposedAgainst.etag} is now ${job.etag})`);
  }
  return drift;
}
