import { describe, expect, it } from 'vitest';
import type { WorkloadFeatures } from './payload';
import {
  DEFAULT_TIER_POLICY,
  type Tier,
  type TierPolicy,
  classify,
  describeTierBounds,
  validateTierPolicy,
} from './tiers';

const features = (clipCount: number, totalMb: number): WorkloadFeatures => ({
  clipCount,
  totalMb,
  maxResolution: '1080x1920',
  maxPixels: 1080 * 1920,
  totalMediaSeconds: clipCount * 8,
});

describe('classify with the seed policy', () => {
  it.each([
    [0, 0, 'small'],
    [2, 30, 'small'],
    [3, 99.99, 'small'],
    [3, 100, 'medium'],
    [4, 50, 'medium'],
    [6, 299.9, 'medium'],
    [6, 300, 'large'],
    [7, 100, 'large'],
    [10, 599, 'large'],
    [10, 600, 'xlarge'],
    [11, 10, 'xlarge'],
    [500, 1e9, 'xlarge'],
  ])('%s clips and %s MB → %s', (clipCount, totalMb, tierId) => {
    expect(classify(features(clipCount, totalMb), DEFAULT_TIER_POLICY)).toBe(tierId);
  });

  it('calls an execution without features unclassified', () => {
    expect(classify(undefined, DEFAULT_TIER_POLICY)).toBe('unclassified');
  });

  it('calls NaN features unclassified rather than guessing a tier', () => {
    const policy: TierPolicy = { tiers: DEFAULT_TIER_POLICY.tiers.slice(0, 3) };
    expect(classify(features(Number.NaN, 10), policy)).toBe('unclassified');
  });
});

describe('describeTierBounds', () => {
  it.each<[Tier, string]>([
    [{ id: 'small', label: 'Small', maxClipCount: 3, maxTotalMb: 100 }, '≤ 3 clips and < 100 MB'],
    [{ id: 'one', label: 'One', maxClipCount: 1 }, '≤ 1 clip'],
    [{ id: 'light', label: 'Light', maxTotalMb: 50 }, '< 50 MB'],
    [{ id: 'rest', label: 'Rest' }, 'everything else'],
  ])('%j → %s', (tier, text) => {
    expect(describeTierBounds(tier)).toBe(text);
  });
});

describe('validateTierPolicy', () => {
  it('accepts the seed policy', () => {
    expect(validateTierPolicy(DEFAULT_TIER_POLICY)).toEqual({ ok: true });
  });

  it('accepts a single catch-all tier', () => {
    expect(
      validateTierPolicy({ tiers: [{ id: 'all', label: 'All', jobName: 'reel-stitching-job' }] }),
    ).toEqual({
      ok: true,
    });
  });

  const [small, medium, large, xlarge] = DEFAULT_TIER_POLICY.tiers as [Tier, Tier, Tier, Tier];

  it.each<[string, Tier[], string, string]>([
    ['no tiers', [], 'tiers', 'at least one tier'],
    ['a bounded last tier', [small, medium], 'tiers.1', 'catches everything else'],
    ['a catch-all before the end', [small, xlarge, large], 'tiers.1', 'Only the last tier'],
    [
      'a repeated id',
      [small, { ...medium, id: 'small' }, xlarge],
      'tiers.1.id',
      'already called "small"',
    ],
    ['a blank id', [{ ...small, id: '' }, xlarge], 'tiers.0.id', 'Give the tier an id'],
    ['the reserved id', [{ ...small, id: 'unclassified' }, xlarge], 'tiers.0.id', 'reserved'],
    ['an id with spaces', [{ ...small, id: 'Big One' }, xlarge], 'tiers.0.id', 'lower-case'],
    ['a blank label', [{ ...small, label: ' ' }, xlarge], 'tiers.0.label', 'name'],
    ['2.5 clips', [{ ...small, maxClipCount: 2.5 }, xlarge], 'tiers.0.maxClipCount', '2.5 is not'],
    ['−1 clips', [{ ...small, maxClipCount: -1 }, xlarge], 'tiers.0.maxClipCount', 'whole number'],
    ['0 MB', [{ ...small, maxTotalMb: 0 }, xlarge], 'tiers.0.maxTotalMb', 'above 0'],
    ['NaN MB', [{ ...small, maxTotalMb: Number.NaN }, xlarge], 'tiers.0.maxTotalMb', 'NaN is not'],
    ['a tier nothing reaches', [medium, small, xlarge], 'tiers.1', '"Medium" comes first'],
  ])('rejects %s', (_name, tiers, path, message) => {
    const result = validateTierPolicy({ tiers });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[path]).toContain(message);
  });

  it('accepts tiers that overlap only partly', () => {
    const tiers: Tier[] = [
      { id: 'few', label: 'Few clips', maxClipCount: 3 },
      { id: 'light', label: 'Light', maxTotalMb: 100 },
      { id: 'rest', label: 'Rest' },
    ];
    expect(validateTierPolicy({ tiers })).toEqual({ ok: true });
  });
});
