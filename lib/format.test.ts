import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTimeUtc, formatPercent, formatUsd } from './format';

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [12.345, '$12.35'],
    [0.00348, '$0.00348'],
    [1234567.891, '$1,234,567.89'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%s → %s', (value, expected) => {
    expect(formatUsd(value)).toBe(expected);
  });
});

describe('formatCount and formatPercent', () => {
  it('groups thousands and rounds', () => {
    expect(formatCount(2140.4)).toBe('2,140');
  });
  it('shows fractions as percentages with one decimal', () => {
    expect(formatPercent(0.0342)).toBe('3.4%');
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
