import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJob } from '@/lib/gcp';
import type { TierPolicy } from '@/lib/domain/tiers';
import { listAudit, listChangeRequests } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { proposeChanges } from '@/lib/changes/plans/batch';
import type { ChangeContext } from '@/lib/changes/service-context';
import { ChangeForbiddenError, ChangeInputError, ChangeUpstreamError } from '@/lib/changes/errors';
import { REEL, requester, startHarness, viewer, type Harness } from '@/test/support/change-harness';

const THUMBS = 'thumbnail-job';
const GiB = 2 ** 30;

/** Two tiers, each served by its own job of the fixture world. */
const perTierJobs: TierPolicy = {
  tiers: [
    { id: 'short', label: 'Short', maxClipCount: 3, jobName: THUMBS },
    { id: 'long', label: 'Long', jobName: REEL },
  ],
};

const reason = 'Each tier job runs at a third of its limits';

function items(overrides: Partial<Record<'short' | 'long', object>> = {}) {
  return [
    { job: THUMBS, tier: 'short', limits: { cpu: '1', memory: '1Gi' }, ...overrides.short },
    { job: REEL, tier: 'long', limits: { cpu: '4', memory: '8Gi' }, ...overrides.long },
  ];
}

describe.each(DIALECTS)('proposing changes for every tier at once on %s', (dialect) => {
  let h: Harness;
  let context: ChangeContext;
  beforeAll(async () => {
    h = await startHarness(dialect);
    context = { ...h.context, tierPolicy: perTierJobs };
  });
  afterAll(() => h.close());

  const jobs = () =>
    Promise.all(
      [THUMBS, REEL].map((job) =>
        getJob(h.clients, { project: context.project, region: context.region, job }),
      ),
    );
  const stored = async () => (await listChangeRequests(h.store, { limit: 500 })).length;

  async function refusal(raw: unknown): Promise<Record<string, string>> {
    const before = await stored();
    const error = await proposeChanges(context, requester, raw).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChangeInputError);
    expect(await stored()).toBe(before);
    return (error as ChangeInputError).errors;
  }

  it('stores one change per tier job, each with its own dry run and etag, the jobs untouched', async () => {
    const [thumbs, reel] = await jobs();
    const changes = await proposeChanges(context, requester, { reason, items: items() });
    expect(changes.map((change) => [change.job, change.tier, change.state])).toEqual([
      [THUMBS, 'short', 'proposed'],
      [REEL, 'long', 'proposed'],
    ]);
    expect(changes[0]).toMatchObject({
      etagAtProposal: thumbs?.etag,
      limitsBefore: { vcpu: 1, memoryBytes: 0.5 * GiB },
      limitsAfter: { vcpu: 1, memoryBytes: 1 * GiB, timeoutSeconds: 600, maxRetries: 3 },
      reason,
      requester: 'rae@example.com',
    });
    expect(changes[1]).toMatchObject({
      etagAtProposal: reel?.etag,
      limitsAfter: { vcpu: 4, memoryBytes: 8 * GiB },
    });
    for (const change of changes) {
      const trail = await listAudit(h.store, { target: `change:${change.id}`, limit: 10 });
      expect(trail.map((entry) => entry.action)).toEqual(['change.dry-run', 'change.proposed']);
    }
    expect(await jobs()).toEqual([thumbs, reel]);
  });

  it('stores nothing when one row breaks Cloud Run rules, naming every bad field by its row', async () => {
    const errors = await refusal({
      reason: 'short',
      items: items({ long: { limits: { cpu: '3', memory: 'lots', maxRetries: 11 } } }),
    });
    expect(errors).toEqual({
      reason: expect.stringMatching(/at least 10 characters/),
      'items.1.limits.cpu': expect.stringMatching(/1, 2, 4, 6 or 8/),
      'items.1.limits.memory': expect.stringMatching(/"lots" is not a valid memory quantity/),
      'items.1.limits.maxRetries': expect.stringMatching(/0 to 10/),
    });
  });

  it('stores nothing when Google finds rows that cannot be proposed: no change, a missing job', async () => {
    const [thumbs] = await jobs();
    const gone = 'reel-stitching-job-gone';
    const routedToGone: TierPolicy = {
      tiers: perTierJobs.tiers.map((tier) =>
        tier.id === 'long' ? { ...tier, jobName: gone } : tier,
      ),
    };
    const before = await stored();
    const error = await proposeChanges({ ...context, tierPolicy: routedToGone }, requester, {
      reason,
      items: [
        { job: THUMBS, tier: 'short', limits: { cpu: String(thumbs?.vcpu), memory: '512Mi' } },
        { job: gone, tier: 'long', limits: { cpu: '2', memory: '4Gi' } },
      ],
    }).catch((caught: unknown) => caught);
    expect((error as ChangeInputError).errors).toEqual({
      'items.0.limits': expect.stringMatching(/already runs with .*nothing would change/),
      'items.1.job': expect.stringMatching(/There is no Cloud Run job "reel-stitching-job-gone"/),
    });
    expect(await stored()).toBe(before);
  });

  it('refuses an unknown tier, a tier twice, a job twice, and a tier on a job that does not serve it', async () => {
    const errors = await refusal({
      reason,
      items: [
        { job: THUMBS, tier: 'short', limits: { cpu: '1', memory: '1Gi' } },
        { job: THUMBS, tier: 'short', limits: { cpu: '1', memory: '2Gi' } },
        { job: REEL, tier: 'medium', limits: { cpu: '4', memory: '8Gi' } },
      ],
    });
    expect(errors).toEqual({
      'items.1.tier': 'Tier short is listed twice.',
      'items.1.job': expect.stringMatching(/thumbnail-job is listed twice/),
      'items.2.tier': expect.stringMatching(
        /Unknown tier "medium"; the tier policy has short, long/,
      ),
    });
    expect(
      await refusal({ reason, items: [{ job: REEL, tier: 'short', limits: items()[0]?.limits }] }),
    ).toEqual({ 'items.0.tier': expect.stringMatching(/runs on job thumbnail-job/) });
    expect(await refusal({ reason, items: [] })).toEqual({ items: 'Include at least one tier.' });
  });

  it('stores nothing when Cloud Run cannot be reached for the dry runs', async () => {
    const down = await h.faultyInstance({ unavailableRate: 1, exhaustedRate: 0, latencyMs: 0 });
    const before = await stored();
    await expect(
      proposeChanges({ ...down, tierPolicy: perTierJobs }, requester, { reason, items: items() }),
    ).rejects.toBeInstanceOf(ChangeUpstreamError);
    expect(await stored()).toBe(before);
  });

  it('lets only a role that may propose do it', async () => {
    await expect(
      proposeChanges(context, viewer, { reason, items: items() }),
    ).rejects.toBeInstanceOf(ChangeForbiddenError);
  });
});
