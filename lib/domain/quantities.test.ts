import { describe, expect, it } from 'vitest';
import {
  QuantityError,
  formatBytesHuman,
  formatCpuQuantity,
  formatMemoryQuantity,
  parseCpuQuantity,
  parseMemoryQuantity,
} from './quantities';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('parseCpuQuantity', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['8', 8],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1000m', 1],
    ['500m', 0.5],
    ['2000m', 2],
    ['0', 0],
    [' 4 ', 4],
  ])('%j → %s vCPU', (text, vcpu) => {
    expect(parseCpuQuantity(text)).toBe(vcpu);
  });

  it.each([
    '',
    ' ',
    '-1',
    '-0',
    'NaN',
    'abc',
    '2Gi',
    '1k',
    '1.5m',
    '1e3',
    '1.',
    '2 cpu',
    'Infinity',
    '1m1',
  ])('rejects %j with a message naming it', (text) => {
    expect(() => parseCpuQuantity(text)).toThrow(QuantityError);
    expect(() => parseCpuQuantity(text)).toThrow(`"${text}"`);
  });
});

describe('parseMemoryQuantity', () => {
  it.each([
    ['512Mi', 512 * MiB],
    ['4Gi', 4 * GiB],
    ['32Gi', 32 * GiB],
    ['1.5G', 1.5e9],
    ['1.15G', 1_150_000_000],
    ['1024Ki', MiB],
    ['2T', 2e12],
    ['1Ti', 2 ** 40],
    ['536870912', 512 * MiB],
    ['4096M', 4_096_000_000],
    ['1.5Gi', 1.5 * GiB],
    ['1k', 1000],
    ['1K', 1000],
    ['0', 0],
    ['0.5', 1],
    ['1.1Ki', 1127],
  ])('%j → %s bytes', (text, bytes) => {
    expect(parseMemoryQuantity(text)).toBe(bytes);
  });

  it.each([
    '',
    '-512Mi',
    'NaN',
    'Gi',
    '4GB',
    '4gi',
    '4 Gi x',
    '1.2.3Gi',
    '512mi',
    '1m',
    '16Ei',
    'Infinity',
  ])('rejects %j with a message naming it', (text) => {
    expect(() => parseMemoryQuantity(text)).toThrow(QuantityError);
    expect(() => parseMemoryQuantity(text)).toThrow(`"${text}"`);
  });
});

describe('formatCpuQuantity', () => {
  it.each([
    [1, '1'],
    [2, '2'],
    [8, '8'],
    [0.5, '500m'],
    [0.25, '250m'],
    [1.5, '1500m'],
    [0.3, '300m'],
    [0.0001, '1m'],
    [0, '0'],
    [-0, '0'],
  ])('%s vCPU → %j', (vcpu, text) => {
    expect(formatCpuQuantity(vcpu)).toBe(text);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('rejects %s', (vcpu) => {
    expect(() => formatCpuQuantity(vcpu)).toThrow(QuantityError);
  });

  it.each(['1', '2', '500m', '250m', '8'])('round-trips %j', (text) => {
    expect(formatCpuQuantity(parseCpuQuantity(text))).toBe(text);
  });
});

describe('formatMemoryQuantity', () => {
  it.each([
    [512 * MiB, '512Mi'],
    [4 * GiB, '4Gi'],
    [1536 * MiB, '1536Mi'],
    [32 * GiB, '32Gi'],
    [2e9, '2G'],
    [1.5e9, '1500M'],
    [1024, '1Ki'],
    [1000, '1k'],
    [1023, '1023'],
    [0, '0'],
    [-0, '0'],
    [1023.2, '1Ki'],
    [1000.5, '1001'],
  ])('%s bytes → %j', (bytes, text) => {
    expect(formatMemoryQuantity(bytes)).toBe(text);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY, 2 ** 60])('rejects %s', (bytes) => {
    expect(() => formatMemoryQuantity(bytes)).toThrow(QuantityError);
  });

  it.each(['512Mi', '4Gi', '1536Mi', '2G', '1500M'])('round-trips %j', (text) => {
    expect(formatMemoryQuantity(parseMemoryQuantity(text))).toBe(text);
  });
});

describe('formatBytesHuman', () => {
  it.each([
    [4 * GiB, '4 GiB'],
    [512 * MiB, '512 MiB'],
    [1.5e9, '1.4 GiB'],
    [0, '0 B'],
    [1023.999 * MiB, '1 GiB'],
    [-2 * MiB, '-2 MiB'],
    [Number.NaN, '—'],
  ])('%s → %j', (bytes, text) => {
    expect(formatBytesHuman(bytes)).toBe(text);
  });
});
