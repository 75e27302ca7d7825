import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { putSetting, StaleWriteError, type Store } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/lib/store/test-databases';
import { getSavedSettings, savePriceBook, saveTierPolicy, SettingsInputError } from './settings';

let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  store = await database.open();
});

afterAll(async () => {
  await database.drop();
});

const twoTiers = {
  tiers: [
    { id: 'short', label: 'Short reels', maxClipCount: '4', maxTotalMb: '150', jobName: '' },
    { id: 'long', label: 'Long reels', maxClipCount: '', maxTotalMb: '', jobName: 'reel-long' },
  ],
};

describe('saved settings', () => {
  it('reads the built-in tier policy and the jobs Tier 1 book before anything is saved', async () => {
    const saved = await getSavedSettings(store);
    expect(saved.policy).toEqual(DEFAULT_TIER_POLICY);
    expect(saved.policyVersion).toBe(0);
    expect(saved.priceBook.id).toBe('jobs-tier1');
  });

  it('saves a tier policy from form values and reads it back for every user', async () => {
    const version = await saveTierPolicy(store, { raw: twoTiers, expectedVersion: 0, actor: 'admin@x.io' });
    expect(version).toBe(1);
    const saved = await getSavedSettings(store);
    expect(saved.policy.tiers).toEqual([
      { id: 'short', label: 'Short reels', maxClipCount: 4, maxTotalMb: 150 },
      { id: 'long', label: 'Long reels', jobName: 'reel-long' },
    ]);
    expect(saved.updatedBy).toBe('admin@x.io');
  });

  it('refuses a policy whose second tier can never be reached, naming the field', async () => {
    const shadowed = {
      tiers: [
        { id: 'a', label: 'A', maxClipCount: 10, maxTotalMb: 600 },
        { id: 'b', label: 'B', maxClipCount: 3, maxTotalMb: 100 },
        { id: 'c', label: 'C' },
      ],
    };
    const failure = await saveTierPolicy(store, { raw: shadowed, expectedVersion: 1, actor: 'a@x.io' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SettingsInputError);
    expect((failure as SettingsInputError).errors['tiers.1']).toMatch(/No workload would reach this tier/);
    expect((await getSavedSettings(store)).policyVersion).toBe(1);
  });

  it('refuses to overwrite a policy someone else saved meanwhile', async () => {
    await expect(
      saveTierPolicy(store, { raw: twoTiers, expectedVersion: 0, actor: 'late@x.io' }),
    ).rejects.toBeInstanceOf(StaleWriteError);
  });

  it('keeps custom rates with their as-of date and reports with them', async () => {
    const raw = { kind: 'custom', label: 'Negotiated', asOf: '2026-10-01', vcpuSecondUsd: '0.00001', gibSecondUsd: '0.000001' };
    await savePriceBook(store, { raw, expectedVersion: 0, actor: 'admin@x.io' });
    const saved = await getSavedSettings(store);
    expect(saved.priceBook).toMatchObject({ id: 'custom', label: 'Negotiated', asOf: '2026-10-01', vcpuSecondUsd: 0.00001 });
  });

  it.each([
    [{ kind: 'custom', label: 'x', asOf: '2026-13-01', vcpuSecondUsd: 1, gibSecondUsd: 1 }, 'asOf'],
    [{ kind: 'custom', label: 'x', asOf: '2026-01-01', vcpuSecondUsd: -1, gibSecondUsd: 1 }, 'vcpuSecondUsd'],
    [{ kind: 'book', id: 'no-such-book' }, 'id'],
  ])('refuses a bad price book %j on field %s', async (raw, field) => {
    const failure = await savePriceBook(store, { raw, expectedVersion: 1, actor: 'a@x.io' }).catch((e: unknown) => e);
    expect(Object.keys((failure as SettingsInputError).errors)).toContain(field);
  });
});

describe('a tier policy approved through a review', () => {
  it('is read back as the team policy, with its proposal noted by the store', async () => {
    const current = await getSavedSettings(store);
    const approved = { tiers: [{ id: 'all', label: 'Everything', jobName: 'Reel_Job' }] };
    await putSetting(store, 'tier-policy', { policy: approved, proposalId: 'p1' }, {
      expectedVersion: current.policyVersion,
      actor: 'approver@x.io',
    });
    const saved = await getSavedSettings(store);
    expect(saved.policy).toEqual(approved);
    expect(saved.policyVersion).toBe(current.policyVersion + 1);
  });
});
