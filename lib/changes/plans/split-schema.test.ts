import { describe, expect, it } from 'vitest';
import { parseSplit, splitFromForm } from '@/lib/changes/plans/split-schema';

const good = {
  kind: 'split',
  job: 'reel-stitching-job',
  reason: 'Small reels use a fifth of their memory',
  tiers: [
    { tier: 'small', jobName: 'reel-small', limits: { cpu: '1', memory: '2Gi' } },
    { tier: 'xlarge', jobName: 'reel-xlarge', limits: { cpu: '4', memory: '8Gi', maxRetries: 1 } },
  ],
};

describe('parseSplit', () => {
  it('reads a split with limits as numbers, leaving out what was not given', () => {
    const result = parseSplit(good);
    expect(result).toEqual({
      ok: true,
      value: {
        job: 'reel-stitching-job',
        reason: good.reason,
        tiers: [
          { tier: 'small', jobName: 'reel-small', limits: { vcpu: 1, memoryBytes: 2 * 2 ** 30 } },
          {
            tier: 'xlarge',
            jobName: 'reel-xlarge',
            limits: { vcpu: 4, memoryBytes: 8 * 2 ** 30, maxRetries: 1 },
          },
        ],
      },
    });
  });

  it('names every bad field in one round, the limits even when other fields are wrong', () => {
    const result = parseSplit({
      ...good,
      reason: 'short',
      tiers: [
        { tier: 'small', jobName: 'Reel_Small', limits: { cpu: '3', memory: 'lots' } },
        { tier: '', jobName: 'reel-xlarge', limits: { cpu: '1', memory: '8Gi' } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'reason',
      'tiers.0.jobName',
      'tiers.0.limits.cpu',
      'tiers.0.limits.memory',
      'tiers.1.limits.memory',
      'tiers.1.tier',
    ]);
  });

  it('refuses a body without tiers and one that is not a split', () => {
    expect(parseSplit({ ...good, tiers: [] })).toMatchObject({
      ok: false,
      errors: { tiers: expect.any(String) },
    });
    expect(parseSplit({ ...good, kind: 'limits' })).toMatchObject({
      ok: false,
      errors: { kind: expect.any(String) },
    });
    expect(parseSplit(null)).toMatchObject({ ok: false });
  });

  it('reads the form’s flat fields into the same shape', () => {
    const form = new FormData();
    form.set('tierCount', '1');
    form.set('reason', good.reason);
    form.set('tiers.0.tier', 'small');
    form.set('tiers.0.jobName', 'reel-small');
    form.set('tiers.0.cpu', '1');
    form.set('tiers.0.memory', '2Gi');
    form.set('tiers.0.timeoutSeconds', '300');
    form.set('tiers.0.maxRetries', '');
    const result = parseSplit(splitFromForm('reel-stitching-job', form));
    expect(result).toMatchObject({
      ok: true,
      value: { tiers: [{ tier: 'small', limits: { vcpu: 1, timeoutSeconds: 300 } }] },
    });
    if (result.ok) expect(result.value.tiers[0]?.limits).not.toHaveProperty('maxRetries');
  });
});
