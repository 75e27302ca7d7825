import { describe, expect, it } from 'vitest';
import { approveTierPolicy, proposeTierPolicy } from '@/lib/tier-policy/proposals';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { StaleWriteError, type Store } from '@/lib/store';
import { databaseForTests } from '@/test/support/database-suite';
import { getSavedSettings, savePriceBook, SettingsInputError } from './settings';

let store: Store;

databaseForTests('sqlite', async (database) => {
  store = await database.open();
});

describe('saved settings', () => {
  it('reads the built-in tier policy and the jobs Tier 1 book before anything is saved', async () => {
    const saved = await getSavedSettings(store);
    expect(saved.policy).toEqual(DEFAULT_TIER_POLICY);
    expect(saved.policyVersion).toBe(0);
    expect(saved.priceBook.id).toBe('jobs-tier1');
  });

  it('keeps custom rates with their as-of date and reports with them', async () => {
    const raw = {
      kind: 'custom',
      label: 'Negotiated',
      asOf: '2026-10-01',
      vcpuSecondUsd: '0.00001',
      gibSecondUsd: '0.000001',
    };
    await savePriceBook(store, { raw, expectedVersion: 0, actor: 'admin@x.io' });
    const saved = await getSavedSettings(store);
    expect(saved.priceBook).toMatchObject({
      id: 'custom',
      label: 'Negotiated',
      asOf: '2026-10-01',
      vcpuSecondUsd: 0.00001,
    });
  });

  it('refuses to overwrite a price book someone else saved meanwhile', async () => {
    const late = {
      raw: { kind: 'book', id: 'jobs-tier2' },
      expectedVersion: 0,
      actor: 'late@x.io',
    };
    await expect(savePriceBook(store, late)).rejects.toBeInstanceOf(StaleWriteError);
  });

  it.each([
    [{ kind: 'custom', label: 'x', asOf: '2026-13-01', vcpuSecondUsd: 1, gibSecondUsd: 1 }, 'asOf'],
    [
      { kind: 'custom', label: 'x', asOf: '2026-01-01', vcpuSecondUsd: -1, gibSecondUsd: 1 },
      'vcpuSecondUsd',
    ],
    [{ kind: 'book', id: 'no-such-book' }, 'id'],
  ])('refuses a bad price book %j on field %s', async (raw, field) => {
    const failure = await savePriceBook(store, { raw, expectedVersion: 1, actor: 'a@x.io' }).catch(
      (e: unknown) => e,
    );
    expect(Object.keys((failure as SettingsInputError).errors)).toContain(field);
  });
});

describe('the tier policy reports use', () => {
  it('is the version approved through review, never a proposal waiting for it', async () => {
    const policy = {
      tiers: [
        { id: 'short', label: 'Short reels', maxClipCount: 4, maxTotalMb: 150 },
        { id: 'long', label: 'Long reels', jobName: 'reel-long' },
      ],
    };
    const proposal = await proposeTierPolicy(
      store,
      { email: 'rae@x.io', role: 'requester' },
      { policy, reason: 'Two tiers are enough for the reel job' },
    );
    expect(await getSavedSettings(store)).toMatchObject({
      policy: DEFAULT_TIER_POLICY,
      policyVersion: 0,
    });
    await approveTierPolicy(store, { email: 'abe@x.io', role: 'approver' }, proposal.id, {});
    const saved = await getSavedSettings(store);
    expect(saved.policy).toEqual(policy);
    expect(saved.policyVersion).toBe(1);
  });
});
