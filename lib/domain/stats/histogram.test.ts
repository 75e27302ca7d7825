import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';
import { StatsInputError } from './quantile';

const counts = (values: number[], spec: Parameters<typeof histogram>[1]) =>
  histogram(values, spec).bins.map((bin) => bin.count);

describe('histogram with a bin count', () => {
  it('spreads equal-width bins over the values and counts the maximum in the last bin', () => {
    const result = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { bins: 5 });
    expect(result.bins.map(({ lower, upper }) => [lower, upper])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
    ]);
    expect(result.bins.map((bin) => bin.count)).toEqual([2, 2, 2, 2, 3]);
  });

  it.each<[string, number[], number, number[]]>([
    ['no values', [], 4, []],
    ['one value', [7], 4, [1]],
    ['the same value many times', [3, 3, 3], 10, [3]],
    ['zero and −0 as one value', [0, -0], 3, [2]],
    ['negative values', [-10, -5, 0], 2, [1, 2]],
    ['one bin', [1, 50, 100], 1, [3]],
    ['values that do not divide evenly', [0, 0.1, 0.2, 0.3], 3, [1, 1, 2]],
  ])('bins %s', (_name, values, bins, expected) => {
    expect(counts(values, { bins })).toEqual(expected);
  });

  it('leaves out NaN and infinities and says how many', () => {
    const result = histogram([1, Number.NaN, 2, Number.POSITIVE_INFINITY], { bins: 2 });
    expect(result.bins.map((bin) => bin.count)).toEqual([1, 1]);
    expect(result.ignoredCount).toBe(2);
  });

  it('counts every value of a large sample exactly once', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 1000);
    const total = histogram(values, { bins: 37 }).bins.reduce((sum, bin) => sum + bin.count, 0);
    expect(total).toBe(100_000);
  });

  it.each([0, -1, 2.5, Number.NaN, 10_001])('refuses %s bins', (bins) => {
    expect(() => histogram([1, 2], { bins })).toThrow(StatsInputError);
  });
});

describe('histogram with edges', () => {
  it('counts values outside the edges separately', () => {
    const result = histogram([-1, 0, 59.9, 60, 120, 300, 301], { edges: [0, 60, 120, 300] });
    expect(result.bins.map((bin) => bin.count)).toEqual([2, 1, 2]);
    expect([result.belowCount, result.aboveCount]).toEqual([1, 1]);
  });

  it('keeps bins when there are no values', () => {
    expect(counts([], { edges: [0, 1, 2] })).toEqual([0, 0]);
  });

  it.each<[string, number[]]>([
    ['one edge', [0]],
    ['falling edges', [0, 10, 5]],
    ['repeated edges', [0, 10, 10]],
    ['a NaN edge', [0, Number.NaN]],
  ])('refuses %s', (_name, edges) => {
    expect(() => histogram([1], { edges })).toThrow(StatsInputError);
  });
});
