import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { DIALECTS } from '@/test/support/databases';
import { getChangeRequest, listAudit, listChangeRequests } from '@/lib/store';
import { approveChange, rejectChange, withdrawChange } from './decide';
import { ChangeForbiddenError, ChangeInputError, ChangeStateError } from './errors';
import { proposeChange } from './propose';
import {
  approver,
  proposalFor,
  requester,
  secondApprover,
  harnessForTests,
  viewer,
  type Harness,
} from '@/test/support/change-harness';

const GiB = 2 ** 30;

describe.each(DIALECTS)('proposing and deciding changes on %s', (dialect) => {
  let h: Harness;
  harnessForTests(dialect, (started) => {
    h = started;
  });

  async function propose() {
    return proposeChange(h.context, requester, proposalFor(await h.job()));
  }

  it('records the job as read, dry-runs it with Cloud Run and leaves the job untouched', async () => {
    const before = await h.job();
    const change = await proposeChange(h.context, requester, {
      ...proposalFor(before),
      limits: { cpu: '4', memory: '8Gi', timeoutSeconds: 900 },
    });
    expect(change).toMatchObject({
      state: 'proposed',
      job: 'reel-stitching-job',
      tier: 'small',
      requester: 'rae@example.com',
      etagAtProposal: before.etag,
      generationAtProposal: before.generation,
      limitsBefore: { vcpu: 2, memoryBytes: 4 * GiB, timeoutSeconds: 600, maxRetries: 3 },
      limitsAfter: { vcpu: 4, memoryBytes: 8 * GiB, timeoutSeconds: 900, maxRetries: 3 },
    });
    expect(await h.job()).toEqual(before);
    const actions = (await listAudit(h.store, { target: `change:${change.id}`, limit: 10 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(['change.dry-run', 'change.proposed']);
  });

  it('answers a bad value in every field with its own message and stores nothing', async () => {
    const before = await listChangeRequests(h.store, { limit: 500 });
    const attempt = proposeChange(h.context, requester, {
      job: 'Reel Job!',
      tier: 'x'.repeat(65),
      limits: { cpu: '3', memory: 'lots', timeoutSeconds: -5, maxRetries: 11 },
      reason: 'cheap',
    });
    await expect(attempt).rejects.toBeInstanceOf(ChangeInputError);
    const errors: Readonly<Record<string, string>> = await attempt.then(
      () => ({}),
      (error: ChangeInputError) => error.errors,
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'job',
        'limits.cpu',
        'limits.maxRetries',
        'limits.memory',
        'limits.timeoutSeconds',
        'reason',
        'tier',
      ].sort(),
    );
    expect(errors['limits.cpu']).toMatch(/1, 2, 4, 6 or 8/);
    expect(errors['limits.memory']).toMatch(/"lots" is not a valid memory quantity/);
    expect(await listChangeRequests(h.store, { limit: 500 })).toHaveLength(before.length);
  });

  it('refuses memory the CPU cannot carry, a no-op, an unknown job and a tier served elsewhere', async () => {
    const job = await h.job();
    const refusal = (raw: unknown) =>
      proposeChange(h.context, requester, raw).catch((error: ChangeInputError) => error.errors);
    expect(await refusal(proposalFor(job, { limits: { cpu: '1', memory: '8Gi' } }))).toEqual({
      'limits.memory': expect.stringMatching(/With 1 vCPU, memory can be at most 4Gi/),
    });
    const same = { cpu: String(job.vcpu), memory: `${job.memoryBytes / GiB}Gi` };
    expect(await refusal(proposalFor(job, { limits: same }))).toEqual({
      limits: expect.stringMatching(/nothing would change/),
    });
    expect(await refusal(proposalFor(job, { job: 'no-such-job' }))).toEqual({
      job: expect.stringMatching(/no Cloud Run job "no-such-job"/),
    });
    const perTier = {
      ...h.context,
      tierPolicy: {
        tiers: DEFAULT_TIER_POLICY.tiers.map((tier) => ({
          ...tier,
          jobName: `${job.name}-${tier.id}`,
        })),
      },
    };
    const elsewhere = await proposeChange(perTier, requester, proposalFor(job)).catch(
      (error: ChangeInputError) => error.errors,
    );
    expect(elsewhere).toEqual({
      tier: expect.stringMatching(/runs on job reel-stitching-job-small/),
    });
  });

  it('lets a viewer propose nothing', async () => {
    await expect(
      proposeChange(h.context, viewer, proposalFor(await h.job())),
    ).rejects.toBeInstanceOf(ChangeForbiddenError);
  });

  it('never lets the requester approve or reject their own change, nor a requester approve', async () => {
    const change = await propose();
    const ownApprover = { ...approver, email: 'RAE@example.com' };
    await expect(approveChange(h.context, ownApprover, change.id, {})).rejects.toThrow(
      /You proposed this change/,
    );
    await expect(
      rejectChange(h.context, ownApprover, change.id, { comment: 'no' }),
    ).rejects.toBeInstanceOf(ChangeForbiddenError);
    const otherRequester = { email: 'ron@example.com', role: 'requester' as const };
    await expect(approveChange(h.context, otherRequester, change.id, {})).rejects.toBeInstanceOf(
      ChangeForbiddenError,
    );
    expect((await getChangeRequest(h.store, change.id)).state).toBe('proposed');
  });

  it('approves with a comment and records who decided', async () => {
    const change = await propose();
    const approved = await approveChange(h.context, approver, change.id, {
      comment: 'Looks right',
    });
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: 'abe@example.com',
      decisionComment: 'Looks right',
    });
  });

  it('rejects only with a comment, and only the requester withdraws', async () => {
    const first = await propose();
    await expect(rejectChange(h.context, approver, first.id, { comment: ' ' })).rejects.toThrow(
      /Say why it is rejected/,
    );
    const rejected = await rejectChange(h.context, approver, first.id, { comment: 'Too tight' });
    expect(rejected).toMatchObject({ state: 'rejected', decisionComment: 'Too tight' });
    const second = await propose();
    await expect(withdrawChange(h.context, approver, second.id, {})).rejects.toThrow(
      /Only rae@example.com/,
    );
    expect((await withdrawChange(h.context, requester, second.id, {})).state).toBe('withdrawn');
  });

  it.each([
    ['approve', 'approved', () => approveChange],
    ['reject', 'rejected', () => rejectChange],
    ['withdraw', 'withdrawn', () => withdrawChange],
  ] as const)('refuses to %s a change that was already decided', async (_verb, _state, pick) => {
    const change = await propose();
    await rejectChange(h.context, approver, change.id, { comment: 'Not now' });
    const actor = pick() === withdrawChange ? requester : secondApprover;
    await expect(pick()(h.context, actor, change.id, { comment: 'late' })).rejects.toBeInstanceOf(
      ChangeStateError,
    );
  });

  it('lets exactly one of two concurrent approvals win', async () => {
    const change = await propose();
    const other = await h.secondInstance();
    const outcomes = await Promise.allSettled([
      approveChange(h.context, approver, change.id, { comment: 'one' }),
      approveChange(other, secondApprover, change.id, { comment: 'two' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ChangeStateError);
    const approvals = (
      await listAudit(h.store, { target: `change:${change.id}`, limit: 10 })
    ).filter((entry) => entry.action === 'change.approved');
    expect(approvals).toHaveLength(1);
  });
});
