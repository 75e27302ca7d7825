import { describe, expect, it } from 'vitest';
import { GcpError } from './errors';
import { dryRunJob } from './job-operation';

const context = {
  action: 'check new limits on job reel-stitching-job',
  resource: 'projects/p/locations/r/jobs/reel-stitching-job',
  access: 'run.write',
} as const;
const sent = { name: context.resource, generation: '3' };
const answered = { ...sent, template: { taskCount: 1 } };

describe('dryRunJob', () => {
  it('is the Job a done dry run carries, defaults filled in', () => {
    expect(dryRunJob({ done: true, result: answered }, context, () => sent)).toBe(answered);
  });

  it.each([
    ['not done yet', { done: false, name: 'operations/1' }],
    ['done without a response', { done: true }],
  ])('stands for the job as sent when the operation is %s', (_case, operation) => {
    expect(dryRunJob(operation, context, () => sent)).toBe(sent);
  });

  it("throws Google's refusal in words, naming what was being checked", () => {
    const refusal = { code: 3, message: 'memory: 9Gi is above the 8Gi maximum for 2 vCPU' };
    expect(() => dryRunJob({ done: true, error: refusal }, context, () => sent)).toThrow(GcpError);
    expect(() => dryRunJob({ done: true, error: refusal }, context, () => sent)).toThrow(
      /check new limits on job reel-stitching-job.*9Gi is above the 8Gi maximum/,
    );
  });
});
