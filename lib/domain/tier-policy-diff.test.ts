import { describe, expect, it } from 'vitest';
import { diffTierPolicies, sameTierPolicy } from './tier-policy-diff';
import { DEFAULT_TIER_POLICY, type TierPolicy } from './tiers';

const withTier = (id: string, patch: object): TierPolicy => ({
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier) => (tier.id === id ? { ...tier, ...patch } : tier)),
});

describe('diffTierPolicies', () => {
  it('finds nothing between a policy and an equal copy', () => {
    const copy = { tiers: DEFAULT_TIER_POLICY.tiers.map((tier) => ({ ...tier })) };
    expect(diffTierPolicies(DEFAULT_TIER_POLICY, copy).map((row) => row.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(sameTierPolicy(DEFAULT_TIER_POLICY, copy)).toBe(true);
  });

  it.each([
    ['a wider bound', withTier('small', { maxClipCount: 4 }), 'maxClipCount', 3, 4],
    ['a bound removed', withTier('large', { maxTotalMb: undefined }), 'maxTotalMb', 600, null],
    ['a job added', withTier('medium', { jobName: 'reel-medium' }), 'jobName', null, 'reel-medium'],
    ['a new name', withTier('xlarge', { label: 'Huge' }), 'label', 'Extra large', 'Huge'],
  ])('names %s with its value before and after', (_what, after, field, before, now) => {
    const rows = diffTierPolicies(DEFAULT_TIER_POLICY, after);
    const changed = rows.filter((row) => row.status !== 'unchanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.changes).toEqual([{ field, before, after: now }]);
    expect(sameTierPolicy(DEFAULT_TIER_POLICY, after)).toBe(false);
  });

  it('lists an added tier in its place and a removed one at the end, with their values', () => {
    const [small, medium, large, xlarge] = DEFAULT_TIER_POLICY.tiers;
    const after: TierPolicy = {
      tiers: [small!, { id: 'tiny', label: 'Tiny', maxClipCount: 1 }, large!, xlarge!],
    };
    const rows = diffTierPolicies(DEFAULT_TIER_POLICY, after);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['small', 'unchanged'],
      ['tiny', 'added'],
      ['large', 'unchanged'],
      ['xlarge', 'unchanged'],
      ['medium', 'removed'],
    ]);
    expect(rows[1]?.changes).toContainEqual({ field: 'maxClipCount', before: null, after: 1 });
    expect(rows[4]?.changes).toContainEqual({ field: 'position', before: 2, after: null });
    expect(medium?.maxTotalMb).toBe(300);
    expect(rows[4]?.changes).toContainEqual({ field: 'maxTotalMb', before: 300, after: null });
  });

  it('reports a tier moved in the first-match order by its positions', () => {
    const [small, medium, large, xlarge] = DEFAULT_TIER_POLICY.tiers;
    const rows = diffTierPolicies(DEFAULT_TIER_POLICY, {
      tiers: [medium!, small!, large!, xlarge!],
    });
    expect(rows[0]).toMatchObject({
      id: 'medium',
      status: 'changed',
      changes: [{ field: 'position', before: 2, after: 1 }],
    });
  });

  it('treats an empty policy against the default as every tier removed', () => {
    const rows = diffTierPolicies(DEFAULT_TIER_POLICY, { tiers: [] });
    expect(rows.every((row) => row.status === 'removed')).toBe(true);
    expect(rows).toHaveLength(4);
  });
});
