import { describe, expect, it, vi } from 'vitest';

const request = await vi.hoisted(async () =>
  (await import('@/test/support/next-request')).demoRequest([['tierwise-demo-user', 'viewer']]),
);
vi.mock('next/headers', async () =>
  (await import('@/test/support/next-request')).nextHeadersOf(request),
);

import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { listAudit, type Store } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import {
  ChangeForbiddenError,
  ChangeInputError,
  ChangeNotFoundError,
  ChangeStateError,
} from '@/lib/changes/errors';
import {
  approveTierPolicy,
  proposeTierPolicy,
  rejectTierPolicy,
} from '@/lib/tier-policy/proposals';
import { tierPolicyRoutes } from '@/lib/tier-policy/http';
import { approver, requester, secondApprover } from '@/test/support/change-harness';

const perTierJobs = {
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier) => ({
    ...tier,
    jobName: `reel-stitching-job-${tier.id}`,
  })),
};
const wider = {
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier) =>
    tier.id === 'small' ? { ...tier, maxClipCount: 4 } : tier,
  ),
};
const reason = 'Route each tier to its own job';

describe.each(DIALECTS)('tier policy versions on %s', (dialect) => {
  let store: Store;
  let routes: ReturnType<typeof tierPolicyRoutes>;
  databaseForTests(dialect, async (database) => {
    store = await database.open();
    routes = tierPolicyRoutes(async () => store);
  });

  const get = (etag?: string) =>
    routes.GET(
      new Request('http://127.0.0.1/api/tier-policy', {
        headers: etag ? { 'If-None-Match': etag } : {},
      }),
      {},
    );

  it('serves the built-in policy as version 0 with an ETag until one is approved', async () => {
    const response = await get();
    expect(response.headers.get('ETag')).toBe('"tier-policy-v0"');
    expect(await response.json()).toMatchObject({ version: 0, tiers: DEFAULT_TIER_POLICY.tiers });
    expect((await get('"tier-policy-v0"')).status).toBe(304);
  });

  it('refuses a policy with unreachable tiers and the approved policy itself', async () => {
    const shadowed = {
      tiers: [
        { id: 'all', label: 'All' },
        { id: 'small', label: 'Small', maxClipCount: 3 },
      ],
    };
    const refused = await proposeTierPolicy(store, requester, { policy: shadowed, reason }).catch(
      (error: ChangeInputError) => error.errors,
    );
    expect(Object.keys(refused)).toContain('policy.tiers.0');
    await expect(
      proposeTierPolicy(store, requester, { policy: DEFAULT_TIER_POLICY, reason }),
    ).rejects.toBeInstanceOf(ChangeInputError);
  });

  it('names every bad field in one round, keyed as the API sends them', async () => {
    const bad = {
      tiers: [
        { id: 'small', label: 'Small', maxClipCount: 'three', jobName: 'Reel_Job' },
        { id: 'rest', label: 'Rest' },
      ],
    };
    const refused = await proposeTierPolicy(store, requester, { policy: bad, reason: 'why' }).catch(
      (error: ChangeInputError) => error.errors,
    );
    expect(Object.keys(refused).sort()).toEqual([
      'policy.tiers.0.jobName',
      'policy.tiers.0.maxClipCount',
      'reason',
    ]);
  });

  it('is served only after a second person approves it, and the ETag moves with it', async () => {
    const proposal = await proposeTierPolicy(store, requester, { policy: perTierJobs, reason });
    expect((await (await get()).json()).version).toBe(0);
    const ownApproval = { ...approver, email: requester.email };
    await expect(approveTierPolicy(store, ownApproval, proposal.id, {})).rejects.toBeInstanceOf(
      ChangeForbiddenError,
    );
    await approveTierPolicy(store, approver, proposal.id, { comment: 'Jobs exist' });
    const response = await get('"tier-policy-v0"');
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"tier-policy-v1"');
    expect(await response.json()).toMatchObject({
      version: 1,
      proposalId: proposal.id,
      approvedBy: 'abe@example.com',
      tiers: perTierJobs.tiers,
    });
    const audit = await listAudit(store, { target: `tier-policy:${proposal.id}`, limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual([
      'tier-policy.approved',
      'tier-policy.proposed',
    ]);
  });

  it('supersedes the second of two proposals written against the same version', async () => {
    const first = await proposeTierPolicy(store, requester, { policy: wider, reason });
    const second = await proposeTierPolicy(store, requester, {
      policy: DEFAULT_TIER_POLICY,
      reason,
    });
    const outcomes = await Promise.allSettled([
      approveTierPolicy(store, approver, first.id, {}),
      approveTierPolicy(store, secondApprover, second.id, {}),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ChangeStateError);
    expect((await (await get()).json()).version).toBe(2);
  });

  it('rejects only with a comment', async () => {
    const proposal = await proposeTierPolicy(store, requester, { policy: wider, reason }).catch(
      () => proposeTierPolicy(store, requester, { policy: perTierJobs, reason }),
    );
    await expect(rejectTierPolicy(store, approver, proposal.id, {})).rejects.toBeInstanceOf(
      ChangeInputError,
    );
    expect(
      (await rejectTierPolicy(store, approver, proposal.id, { comment: 'Not yet' })).state,
    ).toBe('rejected');
  });

  it('says an unknown proposal is a tier policy proposal, not a change request', async () => {
    const decision = approveTierPolicy(store, approver, '999999', { comment: 'ok' });
    await expect(decision).rejects.toBeInstanceOf(ChangeNotFoundError);
    await expect(decision).rejects.toThrow(/^No tier policy proposal 999999; .*tier policy page/);
  });
});
