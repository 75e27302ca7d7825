import { describe, expect, it } from 'vitest';
import { CPU_OPTIONS, type Limits, snapLimits, validateLimits } from './limits';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const base: Limits = { vcpu: 2, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 };

describe('validateLimits', () => {
  it.each<[string, Partial<Limits>]>([
    ['the seed job (2 vCPU / 4Gi / 900 s / 2 retries)', {}],
    ['1 vCPU / 4Gi', { vcpu: 1, memoryBytes: 4 * GiB }],
    ['1 vCPU / 512Mi', { vcpu: 1, memoryBytes: 512 * MiB }],
    ['2 vCPU / 8Gi', { vcpu: 2, memoryBytes: 8 * GiB }],
    ['4 vCPU / 2Gi', { vcpu: 4, memoryBytes: 2 * GiB }],
    ['4 vCPU / 16Gi', { vcpu: 4, memoryBytes: 16 * GiB }],
    ['6 vCPU / 4Gi', { vcpu: 6, memoryBytes: 4 * GiB }],
    ['6 vCPU / 24Gi', { vcpu: 6, memoryBytes: 24 * GiB }],
    ['8 vCPU / 4Gi', { vcpu: 8, memoryBytes: 4 * GiB }],
    ['8 vCPU / 32Gi', { vcpu: 8, memoryBytes: 32 * GiB }],
    ['1.5G of memory', { memoryBytes: 1.5e9 }],
    ['timeout 604800 s', { timeoutSeconds: 604_800 }],
    ['timeout 0.5 s', { timeoutSeconds: 0.5 }],
    ['0 retries', { maxRetries: 0 }],
    ['10 retries', { maxRetries: 10 }],
  ])('accepts %s', (_name, change) => {
    expect(validateLimits({ ...base, ...change })).toEqual({ ok: true });
  });

  it.each<[string, Partial<Limits>, keyof Limits, string]>([
    [
      '1 vCPU / 4Gi + 1 byte',
      { vcpu: 1, memoryBytes: 4 * GiB + 1 },
      'memoryBytes',
      '2 vCPU or more',
    ],
    ['2 vCPU / 8Gi + 1 byte', { vcpu: 2, memoryBytes: 8 * GiB + 1 }, 'memoryBytes', 'at most 8Gi'],
    ['4 vCPU / 2Gi − 1 byte', { vcpu: 4, memoryBytes: 2 * GiB - 1 }, 'memoryBytes', 'at least 2Gi'],
    [
      '4 vCPU / 16Gi + 1 byte',
      { vcpu: 4, memoryBytes: 16 * GiB + 1 },
      'memoryBytes',
      '6 vCPU or more',
    ],
    ['6 vCPU / 4Gi − 1 byte', { vcpu: 6, memoryBytes: 4 * GiB - 1 }, 'memoryBytes', 'at least 4Gi'],
    [
      '6 vCPU / 24Gi + 1 byte',
      { vcpu: 6, memoryBytes: 24 * GiB + 1 },
      'memoryBytes',
      '8 vCPU or more',
    ],
    ['8 vCPU / 4Gi − 1 byte', { vcpu: 8, memoryBytes: 4 * GiB - 1 }, 'memoryBytes', 'at least 4Gi'],
    ['8 vCPU / 33Gi', { vcpu: 8, memoryBytes: 33 * GiB }, 'memoryBytes', 'at most 32Gi'],
    ['511Mi', { vcpu: 1, memoryBytes: 511 * MiB }, 'memoryBytes', 'at least 512Mi'],
    ['zero memory', { memoryBytes: 0 }, 'memoryBytes', 'at least 512Mi'],
    ['NaN memory', { memoryBytes: Number.NaN }, 'memoryBytes', 'whole number of bytes'],
    ['fractional bytes', { memoryBytes: 1.5 * GiB + 0.5 }, 'memoryBytes', 'whole number of bytes'],
    ['cpu 0.5', { vcpu: 0.5 }, 'vcpu', 'at least 1 vCPU'],
    ['cpu 0', { vcpu: 0 }, 'vcpu', 'at least 1 vCPU'],
    ['cpu −0', { vcpu: -0 }, 'vcpu', 'at least 1 vCPU'],
    ['cpu 3', { vcpu: 3 }, 'vcpu', '3 is not one of them'],
    ['cpu 1.5', { vcpu: 1.5 }, 'vcpu', 'not one of them'],
    ['cpu 16', { vcpu: 16 }, 'vcpu', 'at most 8 vCPU'],
    ['cpu NaN', { vcpu: Number.NaN }, 'vcpu', '1, 2, 4, 6 or 8'],
    ['timeout 604801 s', { timeoutSeconds: 604_801 }, 'timeoutSeconds', '168 hours'],
    ['timeout 0', { timeoutSeconds: 0 }, 'timeoutSeconds', 'more than 0'],
    ['timeout −5', { timeoutSeconds: -5 }, 'timeoutSeconds', 'more than 0'],
    [
      'timeout Infinity',
      { timeoutSeconds: Number.POSITIVE_INFINITY },
      'timeoutSeconds',
      'more than 0',
    ],
    ['11 retries', { maxRetries: 11 }, 'maxRetries', '0 to 10'],
    ['2.5 retries', { maxRetries: 2.5 }, 'maxRetries', '2.5 is not'],
    ['−1 retries', { maxRetries: -1 }, 'maxRetries', '0 to 10'],
  ])('rejects %s with a message on that field', (_name, change, field, message) => {
    const result = validateLimits({ ...base, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toContain(message);
  });

  it('reports every offending field at once', () => {
    const result = validateLimits({
      vcpu: 3,
      memoryBytes: 40 * GiB,
      timeoutSeconds: 0,
      maxRetries: 12,
    });
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(
      ['maxRetries', 'memoryBytes', 'timeoutSeconds', 'vcpu'].sort(),
    );
  });

  it('names memory that is not a whole binary unit in bytes and in GiB', () => {
    const result = validateLimits({ ...base, vcpu: 1, memoryBytes: 4 * GiB + 1 });
    expect(result.ok ? '' : result.errors.memoryBytes).toContain('4294967297 bytes (≈ 4 GiB)');
  });

  it('offers exactly the five CPU values of Cloud Run jobs', () => {
    expect([...CPU_OPTIONS]).toEqual([1, 2, 4, 6, 8]);
  });
});

describe('snapLimits', () => {
  it.each<[string, Parameters<typeof snapLimits>[0], Limits]>([
    [
      'a valid wish unchanged',
      { vcpu: 2, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 },
      base,
    ],
    [
      'defaults for timeout and retries',
      { vcpu: 1, memoryBytes: 2 * GiB },
      { vcpu: 1, memoryBytes: 2 * GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      'memory up to 256Mi steps',
      { vcpu: 1, memoryBytes: 1.3 * GiB },
      { vcpu: 1, memoryBytes: 1536 * MiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      'tiny memory to 512Mi',
      { vcpu: 1, memoryBytes: 100 * MiB },
      { vcpu: 1, memoryBytes: 512 * MiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      'zero wishes to the smallest set',
      { vcpu: 0, memoryBytes: 0 },
      { vcpu: 1, memoryBytes: 512 * MiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      'sub-1 vCPU to 1',
      { vcpu: 0.5, memoryBytes: GiB },
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      '3 vCPU to 4 and memory to its minimum',
      { vcpu: 3, memoryBytes: GiB },
      { vcpu: 4, memoryBytes: 2 * GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      '4Gi + 1 byte needs 2 vCPU',
      { vcpu: 1, memoryBytes: 4 * GiB + 1 },
      { vcpu: 2, memoryBytes: 4.25 * GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      '20Gi needs 6 vCPU',
      { vcpu: 1, memoryBytes: 20 * GiB },
      { vcpu: 6, memoryBytes: 20 * GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      '31.9Gi rounds to 32Gi at 8 vCPU',
      { vcpu: 2, memoryBytes: 31.9 * GiB },
      { vcpu: 8, memoryBytes: 32 * GiB, timeoutSeconds: 600, maxRetries: 3 },
    ],
    [
      'timeout clamped to 168 h',
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 1e9 },
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 604_800, maxRetries: 3 },
    ],
    [
      'fractional timeout rounded up',
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 90.2 },
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 91, maxRetries: 3 },
    ],
    [
      'retries clamped to 10',
      { vcpu: 1, memoryBytes: GiB, maxRetries: 50 },
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 600, maxRetries: 10 },
    ],
    [
      'negative retries to 0',
      { vcpu: 1, memoryBytes: GiB, maxRetries: -2 },
      { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 600, maxRetries: 0 },
    ],
  ])('snaps %s', (_name, wish, expected) => {
    const result = snapLimits(wish);
    expect(result).toMatchObject({ ok: true, limits: expected });
    if (result.ok) expect(validateLimits(result.limits)).toEqual({ ok: true });
  });

  it('explains each change it made', () => {
    const result = snapLimits({
      vcpu: 1,
      memoryBytes: 6 * GiB,
      timeoutSeconds: 900,
      maxRetries: 2,
    });
    expect(result.ok ? result.adjustments : []).toEqual([
      'CPU raised from 1 to 2 vCPU because 6Gi needs it.',
    ]);
  });

  it('leaves a valid wish without adjustments', () => {
    expect(
      snapLimits({ vcpu: 2, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 }),
    ).toEqual({
      ok: true,
      limits: base,
      adjustments: [],
    });
  });

  it('honours a coarser memory step', () => {
    const result = snapLimits({ vcpu: 1, memoryBytes: 1.1 * GiB }, { memoryStepBytes: GiB });
    expect(result.ok && result.limits.memoryBytes).toBe(2 * GiB);
  });

  it.each<[string, Parameters<typeof snapLimits>[0], string]>([
    ['more than 32Gi', { vcpu: 8, memoryBytes: 32 * GiB + 1 }, '32Gi'],
    ['more than 8 vCPU', { vcpu: 9, memoryBytes: GiB }, '8 vCPU'],
    ['NaN CPU', { vcpu: Number.NaN, memoryBytes: GiB }, 'CPU'],
    ['negative memory', { vcpu: 1, memoryBytes: -1 }, 'memory'],
    ['zero timeout', { vcpu: 1, memoryBytes: GiB, timeoutSeconds: 0 }, 'timeout'],
    ['NaN retries', { vcpu: 1, memoryBytes: GiB, maxRetries: Number.NaN }, 'retries'],
  ])('explains why nothing covers %s', (_name, wish, mentions) => {
    const result = snapLimits(wish);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(mentions);
  });

  it('refuses an unusable memory step', () => {
    expect(snapLimits({ vcpu: 1, memoryBytes: GiB }, { memoryStepBytes: 0 }).ok).toBe(false);
  });
});
