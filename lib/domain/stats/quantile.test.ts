import { describe, expect, it } from 'vitest';
import { StatsInputError, quantileSorted, quantiles, sortFinite } from './quantile';

describe('quantileSorted (type 7, linear interpolation)', () => {
  it.each<[number[], number, number | undefined]>([
    [[], 0.5, undefined],
    [[42], 0, 42],
    [[42], 0.5, 42],
    [[42], 1, 42],
    [[1, 2], 0.5, 1.5],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[10, 20, 30, 40, 50], 0.95, 48],
    [[10, 20, 30, 40, 50], 0.25, 20],
    [[0, 100], 0.99, 99],
    [[-5, -1], 0.5, -3],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ])('%j at q=%s → %s', (sorted, q, expected) => {
    const result = quantileSorted(sorted, q);
    if (expected === undefined) expect(result).toBeUndefined();
    else expect(result).toBeCloseTo(expected, 12);
  });

  it.each([-0.01, 1.01, 95, Number.NaN])('refuses q=%s with a hint', (q) => {
    expect(() => quantileSorted([1, 2, 3], q)).toThrow(StatsInputError);
    expect(() => quantileSorted([1, 2, 3], q)).toThrow('0.95 for p95');
  });
});

describe('sortFinite and quantiles', () => {
  it('sorts numerically, not as text, and leaves out NaN and infinities', () => {
    expect([...sortFinite([10, 9, 100, Number.NaN, -1, Number.POSITIVE_INFINITY, 0])]).toEqual([
      -1, 0, 9, 10, 100,
    ]);
  });

  it('treats −0 as 0', () => {
    expect(Object.is(sortFinite([-0])[0], 0)).toBe(true);
  });

  it('answers several quantiles of unsorted values', () => {
    expect(quantiles([5, 1, 4, 2, 3], [0, 0.5, 1])).toEqual([1, 3, 5]);
  });

  it('answers undefined for nothing but NaN', () => {
    expect(quantiles([Number.NaN], [0.5])).toEqual([undefined]);
  });
});
