import type { NewChangeRequest } from '@/lib/store/change-requests';

/** A proposal as the reel-stitching job's first one might look: 4 vCPU / 16 GiB down to 2 / 8. */
export function reelStitchingProposal(overrides: Partial<NewChangeRequest> = {}): NewChangeRequest {
  return {
    project: 'demo-project',
    region: 'us-central1',
    job: 'reel-stitching-job',
    tier: 'short-reels',
    limitsBefore: { vcpu: 4, memoryBytes: 16 * 2 ** 30, timeoutSeconds: 3_600, maxRetries: 3 },
    limitsAfter: { vcpu: 2, memoryBytes: 8 * 2 ** 30, timeoutSeconds: 1_800, maxRetries: 3 },
    etagAtProposal: '"CLCz3rQGEOjVmKkB"',
    generationAtProposal: 7,
    reason: 'p95 CPU 31% and memory 22% of the limit over 30 days',
    evidence: { executions: 412, p95CpuUtilisation: 0.31, monthlySavingUsd: 118.4 },
    requester: 'Rae@example.com',
    ...overrides,
  };
}
