import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { openStore, type Store } from './index';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@/test/support/databases';
import { approvedTierPolicy, listProposals } from './tier-policies';

const BEFORE_VERSIONS_TABLE_RULED = '0008_change_plans';

const wider: TierPolicy = {
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier) =>
    tier.id === 'small' ? { ...tier, maxClipCount: 4 } : tier,
  ),
};
const saved: TierPolicy = { tiers: [{ id: 'all', label: 'Everything', jobName: 'reel-job' }] };

function versionRow(id: string, policy: TierPolicy, base: number, state: string) {
  return {
    id,
    policy: JSON.stringify(policy),
    reason: 'Wider small tier for four-clip reels',
    requester: 'rae@example.com',
    created_at: 1_000 + base,
    base_version: base,
    state,
    decided_by: state === 'proposed' ? null : 'abe@example.com',
    decided_at: state === 'proposed' ? null : 2_000 + base,
    decision_comment: null,
    version: state === 'proposed' ? 1 : 2,
  };
}

/** A database as the previous release left it: approvals and settings saves both wrote the setting. */
async function previousRelease(url: string) {
  const old = await openStore(url, { migrateTo: BEFORE_VERSIONS_TABLE_RULED });
  const db = old.db.withTables<{ tier_policy_versions: ReturnType<typeof versionRow> }>();
  const writeSetting = (policy: TierPolicy, proposalId: string | null, version: number) =>
    db
      .insertInto('settings')
      .values({
        key: 'tier-policy',
        value: JSON.stringify({ policy, proposalId }),
        version,
        updated_by: 'ada@example.com',
        updated_at: 5_000,
      })
      .execute();
  return {
    insertVersion: (row: ReturnType<typeof versionRow>) =>
      db.insertInto('tier_policy_versions').values(row).execute(),
    writeSetting,
    close: () => old.close(),
  };
}

describe.each(DIALECTS)('the tier policy in force after upgrading, on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(() => database.drop());

  async function upgraded(): Promise<Store> {
    return database.open();
  }

  it('is the built-in default, version 0, when nothing was ever saved or approved', async () => {
    const old = await previousRelease(database.url);
    await old.close();
    expect(await approvedTierPolicy(await upgraded())).toMatchObject({
      version: 0,
      policy: DEFAULT_TIER_POLICY,
      proposalId: null,
    });
  });

  it('keeps an approved version under its number and drops the setting that copied it', async () => {
    const old = await previousRelease(database.url);
    await old.insertVersion(versionRow('p1', wider, 0, 'approved'));
    await old.insertVersion(versionRow('p2', saved, 1, 'rejected'));
    await old.writeSetting(wider, 'p1', 1);
    await old.close();
    const store = await upgraded();
    expect(await approvedTierPolicy(store)).toMatchObject({
      version: 1,
      policy: wider,
      proposalId: 'p1',
      approvedBy: 'abe@example.com',
    });
    expect((await listProposals(store)).map((row) => [row.id, row.approvedVersion])).toEqual([
      ['p2', null],
      ['p1', 1],
    ]);
    const setting = await store.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'tier-policy')
      .executeTakeFirst();
    expect(setting).toBeUndefined();
  });

  it('moves a policy saved directly in settings in as an approved version with the same number', async () => {
    const old = await previousRelease(database.url);
    await old.insertVersion(versionRow('p1', wider, 0, 'approved'));
    await old.writeSetting(saved, null, 2);
    await old.close();
    const store = await upgraded();
    const inForce = await approvedTierPolicy(store);
    expect(inForce).toMatchObject({ version: 2, policy: saved, approvedBy: 'ada@example.com' });
    const moved = (await listProposals(store)).find((row) => row.id === inForce.proposalId);
    expect(moved).toMatchObject({
      state: 'approved',
      requester: 'ada@example.com',
      baseVersion: 1,
      approvedVersion: 2,
      reason: expect.stringMatching(/settings page before tier policies were reviewed/),
    });
  });
});
