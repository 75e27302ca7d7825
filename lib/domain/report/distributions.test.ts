import { describe, expect, it } from 'vitest';
import { DURATION_BINS, durationBins, roundBinSeconds } from './distributions';

describe('durationBins', () => {
  it.each([
    [900, 60],
    [113, 5],
    [60, 5],
    [3600, 300],
    [20, 1],
    [604_800, 43_200],
  ])('a top of %s s gets %s s wide bins', (top, width) => {
    expect(roundBinSeconds(top)).toBe(width);
  });

  it('starts at 0, steps by a round width and puts the timeout inside a bin', () => {
    const values = Float64Array.from([30, 95, 400, 610]);
    const bins = durationBins(values, 900);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 60 });
    expect(bins.every((bin) => bin.upper - bin.lower === 60)).toBe(true);
    expect(bins.at(-1)).toMatchObject({ lower: 900, upper: 960 });
    expect(bins.length).toBeLessThanOrEqual(DURATION_BINS + 1);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
  });

  it('counts the longest run when it is past the timeout', () => {
    const bins = durationBins(Float64Array.from([10, 1_250]), 600);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(2);
    expect(bins.at(-1)!.upper).toBeGreaterThan(1_250);
  });
});
