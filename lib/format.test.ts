import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTimeUtc,
  formatLimits,
  formatMemory,
  formatMonthlySaving,
  formatPercent,
  formatSeconds,
  formatUsd,
  formatUsdPerExecution,
  formatRisk,
  formatRiskInterval,
} from './format';

const MINUS = '\u2212';
const GIB = 2 ** 30;

describe('formatUsd: cents, and "<$0.01" below a cent', () => {
  it.each([
    [0, '$0.00'],
    [0.67476, '$0.67'],
    [0.41277, '$0.41'],
    [0.01365, '$0.01'],
    [0.01, '$0.01'],
    [0.00999, '<$0.01'],
    [0.00348, '<$0.01'],
    [1e-9, '<$0.01'],
    [12.345, '$12.35'],
    [1234567.891, '$1,234,567.89'],
    [-0.1969, `${MINUS}$0.20`],
    [-0.004, `${MINUS}<$0.01`],
    [-0, '$0.00'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatUsd(value)).toBe(expected);
  });

  it('never writes a hyphen-minus', () => {
    expect(formatUsd(-3)).not.toContain('-');
  });
});

describe('formatUsdPerExecution: 4 significant digits below a dollar', () => {
  it.each([
    [0.00348, '$0.00348'],
    [0.0034812, '$0.003481'],
    [0.000123456, '$0.0001235'],
    [0.41277, '$0.4128'],
    [2.5, '$2.50'],
    [0, '$0.00'],
    [-0.0034812, `${MINUS}$0.003481`],
    [Number.NaN, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatUsdPerExecution(value)).toBe(expected);
  });
});

describe('formatMonthlySaving', () => {
  it('says a saving in cents', () => {
    expect(formatMonthlySaving(0.1969)).toBe('$0.20/mo to save');
  });
  it('says a negative saving as money spent, without a minus', () => {
    expect(formatMonthlySaving(-0.1969)).toBe('$0.20/mo more');
  });
});

describe('sizes, durations and limits, one spelling', () => {
  it.each([
    [4 * GIB, '4 GiB'],
    [1.25 * GIB, '1.25 GiB'],
    [512 * 2 ** 20, '512 MiB'],
    [Number.NaN, '—'],
  ])('memory %s → %s', (bytes, expected) => {
    expect(formatMemory(bytes)).toBe(expected);
  });

  it.each([
    [0, '0 s'],
    [3.42, '3.4 s'],
    [45.4, '45 s'],
    [119.6, '120 s'],
    [120, '2 min'],
    [600, '10 min'],
    [750, '12.5 min'],
    [7200, '2 h'],
    [null, '—'],
  ])('duration %s → %s', (seconds, expected) => {
    expect(formatSeconds(seconds)).toBe(expected);
  });

  it('writes limits as "2 vCPU · 4 GiB · 10 min timeout · 3 retries"', () => {
    expect(
      formatLimits({ vcpu: 2, memoryBytes: 4 * GIB, timeoutSeconds: 600, maxRetries: 3 }),
    ).toBe('2 vCPU · 4 GiB · 10 min timeout · 3 retries');
    expect(formatLimits({ vcpu: 1, memoryBytes: 512 * 2 ** 20, timeoutSeconds: 30 })).toBe(
      '1 vCPU · 512 MiB · 30 s timeout',
    );
  });
});

describe('formatCount and formatPercent', () => {
  it('groups thousands and rounds', () => {
    expect(formatCount(2140.4)).toBe('2,140');
  });
  it('shows fractions as percentages with one decimal', () => {
    expect(formatPercent(0.0342)).toBe('3.4%');
    expect(formatPercent(-0.0342)).toBe(`${MINUS}3.4%`);
  });
  it('never prints NaN', () => {
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('formatDateTimeUtc', () => {
  it('writes a moment in UTC, whatever the machine’s zone', () => {
    expect(formatDateTimeUtc(Date.UTC(2026, 10, 29, 3, 1))).toBe('29 Nov 2026, 03:01');
    expect(formatDateTimeUtc(Number.NaN)).toBe('—');
  });
});

describe('formatRisk', () => {
  it('never reads a small risk as none', () => {
    expect(formatRisk(0)).toBe('0%');
    expect(formatRisk(0.0004)).toBe('under 0.1%');
    expect(formatRiskInterval(0.0004, 0.004)).toMatch(/^under 0\.1% \(up to 0\.4\s?%\)$/);
    expect(formatRisk(Number.NaN)).toBe('—');
  });
});
