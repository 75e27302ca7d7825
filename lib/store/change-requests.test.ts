import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listAudit } from './audit';
import { reelStitchingProposal } from '@/test/support/change-fixtures';
import {
  createChangeRequest,
  createChangeRequests,
  getChangeRequest,
  listChangeRequests,
} from './change-requests';
import { ChangeRequestNotFoundError, CorruptRowError } from './errors';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

describe.each(DIALECTS)('change requests on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
  });

  it('stores a proposal with its frozen evidence and reads it back exactly', async () => {
    const proposal = reelStitchingProposal();
    const created = await createChangeRequest(store, proposal);
    expect(created).toEqual({
      ...proposal,
      id: created.id,
      requester: 'rae@example.com',
      createdAt: clock.now(),
      state: 'proposed',
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
      appliedAt: null,
      failureReason: null,
      updatedAt: clock.now(),
      version: 1,
      plan: null,
    });
    expect(await getChangeRequest(store, created.id)).toEqual(created);
    const [entry] = await listAudit(store, { target: `change:${created.id}`, limit: 1 });
    expect(entry).toMatchObject({ action: 'change.proposed', actor: 'rae@example.com' });
    expect(entry?.details).toMatchObject({
      job: 'reel-stitching-job',
      limitsAfter: proposal.limitsAfter,
    });
  });

  it('stores several proposals and their audit entries together, or none when one fails', async () => {
    const before = await listChangeRequests(store, { limit: 500 });
    const dryRun = { action: 'change.dry-run', details: { result: 'accepted by Cloud Run' } };
    const both = await createChangeRequests(store, [
      { ...reelStitchingProposal({ job: 'reel-small', tier: 'small' }), audit: [dryRun] },
      { ...reelStitchingProposal({ job: 'reel-large', tier: 'large' }), audit: [dryRun] },
    ]);
    expect(both.map((change) => [change.job, change.tier, change.state])).toEqual([
      ['reel-small', 'small', 'proposed'],
      ['reel-large', 'large', 'proposed'],
    ]);
    const trail = await listAudit(store, { target: `change:${both[1]?.id}`, limit: 5 });
    expect(trail.map((entry) => [entry.action, entry.actor])).toEqual([
      ['change.dry-run', 'rae@example.com'],
      ['change.proposed', 'rae@example.com'],
    ]);

    // The second entry cannot be written, after the first change was inserted: nothing stays.
    const unwritable = { action: 'change.dry-run', details: { size: 1n } as never };
    await expect(
      createChangeRequests(store, [
        reelStitchingProposal({ job: 'reel-medium' }),
        { ...reelStitchingProposal({ job: 'reel-xlarge' }), audit: [unwritable] },
      ]),
    ).rejects.toThrow(/BigInt/);
    const after = await listChangeRequests(store, { limit: 500 });
    expect(after.map((change) => change.job).sort()).toEqual(
      [...before.map((change) => change.job), 'reel-small', 'reel-large'].sort(),
    );
  });

  it('gives every change an unguessable 22-character link-safe id', async () => {
    const ids = new Set<string>();
    for (let index = 0; index < 20; index += 1)
      ids.add((await createChangeRequest(store, reelStitchingProposal())).id);
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses limits that are not limits before anything is stored', async () => {
    const proposal = reelStitchingProposal({
      limitsAfter: { vcpu: -1, memoryBytes: 1, timeoutSeconds: 1, maxRetries: 0 },
    });
    await expect(createChangeRequest(store, proposal)).rejects.toThrow(/vcpu/);
  });

  it('lists newest first, by state and by job', async () => {
    clock.advance(1_000);
    const other = await createChangeRequest(store, reelStitchingProposal({ job: 'thumbnail-job' }));
    const newest = await listChangeRequests(store, { limit: 1 });
    expect(newest.map((change) => change.id)).toEqual([other.id]);
    const thumbnails = await listChangeRequests(store, { job: 'thumbnail-job', limit: 50 });
    expect(thumbnails.map((change) => change.id)).toEqual([other.id]);
    const reels = await listChangeRequests(store, {
      job: 'reel-stitching-job',
      state: 'proposed',
      limit: 50,
    });
    expect(reels).toHaveLength(21);
    expect(await listChangeRequests(store, { state: ['applied', 'failed'], limit: 50 })).toEqual(
      [],
    );
    expect(await listChangeRequests(store, { state: [], limit: 50 })).toEqual([]);
  });

  it('says when a change does not exist', async () => {
    await expect(getChangeRequest(store, 'AAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(
      ChangeRequestNotFoundError,
    );
  });

  it.each([
    ['limits_before', `'{"vcpu": 4'`, /\(not valid JSON\)/],
    ['limits_after', `'{"vcpu": "two"}'`, /at vcpu\)/],
    ['evidence', `'"just text"'`, /is unreadable/],
  ])(
    'reports a hand-edited %s as a corrupt row naming the change',
    async (column, value, problem) => {
      const created = await createChangeRequest(
        store,
        reelStitchingProposal({ job: `corrupt-${column}` }),
      );
      const edit = sql`update change_requests set ${sql.raw(column)} = ${sql.raw(value)} where id = ${created.id}`;
      await edit.execute(store.db);
      const reading = getChangeRequest(store, created.id);
      await expect(reading).rejects.toThrow(CorruptRowError);
      await expect(reading).rejects.toThrow(
        `change_requests.${column} for ${created.id} is unreadable`,
      );
      await expect(reading).rejects.toThrow(problem);
      await expect(
        listChangeRequests(store, { job: `corrupt-${column}`, limit: 1 }),
      ).rejects.toThrow(CorruptRowError);
    },
  );

  it('has the database refuse a state outside the lifecycle', async () => {
    const created = await createChangeRequest(store, reelStitchingProposal());
    await expect(
      sql`update change_requests set state = 'approvedish' where id = ${created.id}`.execute(
        store.db,
      ),
    ).rejects.toThrow(/change_requests_state_known|CHECK constraint/i);
  });

  it('keeps the plan of a change that splits a job into one job per tier', async () => {
    const proposal = reelStitchingProposal();
    const plan = {
      kind: 'split' as const,
      policyVersion: 0,
      tiers: [
        { tier: 'small', jobName: 'reel-stitching-job-small', limits: proposal.limitsAfter },
        { tier: 'xlarge', jobName: 'reel-stitching-job-xlarge', limits: proposal.limitsBefore },
      ],
    };
    const created = await createChangeRequest(store, { ...proposal, tier: 'all', plan });
    expect(created.plan).toEqual(plan);
    expect((await getChangeRequest(store, created.id)).plan).toEqual(plan);
    const [entry] = await listAudit(store, { target: `change:${created.id}`, limit: 1 });
    expect(entry?.details).toMatchObject({ plan });
  });
});
