import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAYLOAD_MAPPING,
  extractFeatures,
  extractFeaturesFromValue,
  type PayloadMapping,
  validatePayloadMapping,
} from './payload';

const clip = (overrides: Record<string, unknown> = {}) => ({
  duration_s: 8,
  width: 1080,
  height: 1920,
  size_mb: 14.2,
  ...overrides,
});
const payloadOf = (clips: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ project_id: 'p-1', output: 'gs://bucket/reel.mp4', clips, ...extra });

describe('extractFeatures with the reel payload', () => {
  it('reads a typical three-clip reel', () => {
    const result = extractFeatures(
      payloadOf([clip(), clip({ size_mb: 18.5 }), clip({ size_mb: 11 })]),
    );
    expect(result).toEqual({
      ok: true,
      features: {
        clipCount: 3,
        totalMb: 43.7,
        maxResolution: '1080x1920',
        maxPixels: 1080 * 1920,
        totalMediaSeconds: 24,
      },
    });
  });

  it.each([
    [[clip({ width: 3840, height: 2160 })], '4K'],
    [[clip({ width: 2160, height: 3840 }), clip()], '4K'],
    [[clip({ width: 720, height: 1280 }), clip()], '1080x1920'],
    [[clip(), clip({ width: 1920, height: 1080 })], '1080x1920'],
  ])('names the largest resolution (%#) as %s', (clips, label) => {
    const result = extractFeatures(payloadOf(clips));
    expect(result.ok && result.features.maxResolution).toBe(label);
  });

  it('reads an empty reel as zero clips and zero MB', () => {
    expect(extractFeatures(payloadOf([]))).toEqual({
      ok: true,
      features: {
        clipCount: 0,
        totalMb: 0,
        maxResolution: undefined,
        maxPixels: undefined,
        totalMediaSeconds: undefined,
      },
    });
  });

  it('leaves duration and resolution unknown when a clip does not state them', () => {
    const result = extractFeatures(payloadOf([clip(), { size_mb: 20 }]));
    expect(result).toMatchObject({
      ok: true,
      features: {
        clipCount: 2,
        totalMb: 34.2,
        maxResolution: undefined,
        totalMediaSeconds: undefined,
      },
    });
  });

  it('accepts zero-sized clips', () => {
    expect(extractFeatures(payloadOf([clip({ size_mb: 0, duration_s: 0 })]))).toMatchObject({
      ok: true,
      features: { totalMb: 0, totalMediaSeconds: 0 },
    });
  });

  it.each<[string, string | undefined, string]>([
    ['no payload', undefined, 'no JOB_PAYLOAD'],
    ['an empty payload', '  ', 'no JOB_PAYLOAD'],
    ['text that is not JSON', 'clips=3', 'not JSON'],
    ['truncated JSON', '{"clips":[{"size_mb":1', 'not JSON'],
    ['a JSON number', '42', 'not a list'],
    ['JSON null', 'null', 'not a list'],
    ['clips as an object', payloadOf({ size_mb: 3 }), 'not a list'],
    ['no clips field', JSON.stringify({ items: [] }), 'not a list'],
    ['a clip without a size', payloadOf([clip(), { duration_s: 8 }]), 'clips[1] has no size_mb'],
    ['a clip that is a number', payloadOf([7]), 'clips[0] has no size_mb'],
    ['a size as text', payloadOf([clip({ size_mb: '14.2' })]), 'clips[0].size_mb is "14.2"'],
    ['a negative size', payloadOf([clip({ size_mb: -1 })]), 'clips[0].size_mb is -1'],
    ['a negative duration', payloadOf([clip({ duration_s: -8 })]), 'clips[0].duration_s is -8'],
    [
      'an absurd width',
      '{"clips":[{"size_mb":1,"width":1e400,"height":10}]}',
      'clips[0].width is Infinity',
    ],
    ['a width as text', payloadOf([clip({ width: 'wide' })]), 'clips[0].width is "wide"'],
  ])('explains %s', (_name, payload, reason) => {
    const result = extractFeatures(payload);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('extractFeatures with another mapping', () => {
  const mapping: PayloadMapping = {
    itemsPath: 'job.inputs',
    sizeMbField: 'meta.mb',
    durationSecondsField: 'len',
  };

  it('follows nested paths', () => {
    const payload = JSON.stringify({
      job: {
        inputs: [
          { meta: { mb: 5 }, len: 30 },
          { meta: { mb: 7.5 }, len: 90 },
        ],
      },
    });
    expect(extractFeatures(payload, mapping)).toEqual({
      ok: true,
      features: {
        clipCount: 2,
        totalMb: 12.5,
        maxResolution: undefined,
        maxPixels: undefined,
        totalMediaSeconds: 120,
      },
    });
  });

  it('reads a payload that is itself the list', () => {
    const result = extractFeatures(JSON.stringify([{ mb: 1 }, { mb: 2 }]), {
      itemsPath: '',
      sizeMbField: 'mb',
    });
    expect(result).toMatchObject({ ok: true, features: { clipCount: 2, totalMb: 3 } });
  });

  it('names the configured path when it is missing', () => {
    const result = extractFeatures(JSON.stringify({ job: {} }), mapping);
    expect(result.ok ? '' : result.reason).toBe(
      'JOB_PAYLOAD.job.inputs is not a list of media items.',
    );
  });
});

describe('extractFeaturesFromValue', () => {
  it('reads a payload that was already parsed', () => {
    expect(extractFeaturesFromValue({ clips: [clip(), clip()] })).toMatchObject({
      ok: true,
      features: { clipCount: 2, totalMb: 28.4, totalMediaSeconds: 16 },
    });
  });

  it('explains an unreadable parsed value', () => {
    expect(extractFeaturesFromValue({ clips: [clip({ size_mb: Number.NaN })] })).toEqual({
      ok: false,
      reason: 'clips[0].size_mb is NaN, not a number of zero or more.',
    });
  });
});

describe('validatePayloadMapping', () => {
  it.each<[string, PayloadMapping]>([
    ['the reel mapping', DEFAULT_PAYLOAD_MAPPING],
    ['a payload that is the list', { itemsPath: '', sizeMbField: 'mb' }],
    ['nested paths', { itemsPath: 'job.inputs.0.files', sizeMbField: 'meta.size_mb' }],
  ])('accepts %s', (_name, mapping) => {
    expect(validatePayloadMapping(mapping)).toEqual({ ok: true });
  });

  it.each<[string, PayloadMapping, keyof PayloadMapping]>([
    ['an empty size field', { itemsPath: 'clips', sizeMbField: '' }, 'sizeMbField'],
    ['a doubled dot', { itemsPath: 'job..inputs', sizeMbField: 'mb' }, 'itemsPath'],
    ['a JSONPath expression', { itemsPath: '$.clips[*]', sizeMbField: 'mb' }, 'itemsPath'],
    [
      'a trailing dot',
      { itemsPath: 'clips', sizeMbField: 'mb', widthField: 'size.' },
      'widthField',
    ],
  ])('rejects %s', (_name, mapping, field) => {
    const result = validatePayloadMapping(mapping);
    expect(result.ok ? [] : Object.keys(result.errors)).toEqual([field]);
  });
});
