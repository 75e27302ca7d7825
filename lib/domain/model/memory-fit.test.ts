import { describe, expect, it } from 'vitest';
import {
  exceedance,
  fitPeakMemory,
  fittedPeak,
  normalSurvival,
  type MemorySample,
} from './memory-fit';

const MiB = 2 ** 20;

/** True peak: 250 MiB base + 3 MiB per input MB + 60 MiB per clip, ± a deterministic 4 % wobble. */
function truePeak(totalMb: number, clips: number, k: number): number {
  const wobble = 1 + 0.04 * Math.sin(k * 12.9898) * Math.cos(k * 4.1414);
  return (250 + 3 * totalMb + 60 * clips) * MiB * wobble;
}

function workloads(count: number, maxClips = 12) {
  return Array.from({ length: count }, (_, k) => {
    const clips = 1 + (k % maxClips);
    const totalMb = clips * (10 + ((k * 37) % 30));
    return { clips, totalMb, peak: truePeak(totalMb, clips, k) };
  });
}

/** Executions above `limit` are OOM-killed there: only the limit is known. */
function observe(limit: number, count = 400, maxClips = 12): MemorySample[] {
  return workloads(count, maxClips).map((w) => ({
    features: [w.totalMb, w.clips],
    bytes: Math.min(w.peak, limit),
    censored: w.peak >= limit,
  }));
}

describe('normalSurvival', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.025],
    [-1.96, 0.975],
    [3, 0.00135],
  ])('1 − Φ(%s) ≈ %s', (z, p) => {
    expect(normalSurvival(z)).toBeCloseTo(p, 4);
  });
});

describe('fitPeakMemory', () => {
  it('recovers how memory grows with the work from uncensored peaks', () => {
    const fit = fitPeakMemory(observe(Infinity));
    expect(fit.censored).toBe(0);
    const [base, perMb, perClip] = fit.coefficients!;
    expect(base! / MiB).toBeCloseTo(250, -1);
    expect(perMb! / MiB).toBeCloseTo(3, 0);
    expect(perClip! / MiB).toBeCloseTo(60, -1);
    expect(fit.relativeSd).toBeLessThan(0.05);
    expect(fit.bounded).toBe(true);
  });

  it('fits a million executions (a busy job’s year) on an even sample, with the whole history’s interval', () => {
    const all = observe(Infinity, 1_000_000);
    const million = fitPeakMemory(all);
    expect(million.measured).toBe(1_000_000);
    expect(million.notes.join(' ')).toMatch(/Fitted on 20,000 of 1,000,000 executions/);
    const sampled = fitPeakMemory(all.filter((_, i) => i % 50 === 0));
    million.coefficients!.forEach((c, i) => expect(c).toBeCloseTo(sampled.coefficients![i]!, 0));
    // The same fit, but a million executions pin it down √50 times better than 20,000 do.
    const se = (fit: typeof million) => fittedPeak(fit, [200, 6])!.standardError;
    expect(se(million) / se(sampled)).toBeCloseTo(Math.sqrt(20_000 / 1_000_000), 6);
    expect(million.coefficients![1]! / MiB).toBeCloseTo(3, 0);
  });

  it('places OOM-killed peaks above their limit instead of at it', () => {
    const limit = 1.5 * 1024 * MiB;
    const samples = observe(limit);
    const censored = samples.filter((s) => s.censored).length;
    expect(censored).toBeGreaterThan(40);
    const tobit = fitPeakMemory(samples);
    // Naively reading every OOM as a peak at its limit bends the line down.
    const naive = fitPeakMemory(samples.map((s) => ({ ...s, censored: false })));
    const biggest = [12 * 39, 12];
    const truth = (250 + 3 * biggest[0]! + 60 * biggest[1]!) * MiB;
    const tobitPeak = fittedPeak(tobit, biggest)!.bytes;
    const naivePeak = fittedPeak(naive, biggest)!.bytes;
    expect(Math.abs(tobitPeak - truth) / truth).toBeLessThan(0.05);
    expect(naivePeak).toBeLessThan(tobitPeak);
    expect(tobit.censored).toBe(censored);
  });

  it('says when OOM-killed workloads are larger than anything measured', () => {
    const small = observe(Infinity, 200, 6);
    const large: MemorySample[] = [
      { features: [800, 20], bytes: 2 * 1024 * MiB, censored: true },
      { features: [900, 22], bytes: 2 * 1024 * MiB, censored: true },
    ];
    const fit = fitPeakMemory([...small, ...large]);
    expect(fit.bounded).toBe(false);
    expect(fit.notes.join(' ')).toMatch(/2 of 2 out-of-memory executions had larger workloads/);
  });

  it('fits nothing from too few measured peaks, however many OOMs', () => {
    const samples = observe(0.6 * 1024 * MiB, 200).filter((s, k) => s.censored || k < 8);
    const fit = fitPeakMemory(samples);
    expect(fit.coefficients).toBeNull();
    expect(fit.bounded).toBe(false);
    expect(fit.notes[0]).toMatch(/measured peaks/);
  });

  it('leaves out samples without features or with unusable values', () => {
    const fit = fitPeakMemory([
      ...observe(Infinity, 100),
      { features: undefined, bytes: 10 * MiB, censored: false },
      { features: [NaN, 1], bytes: 10 * MiB, censored: false },
      { features: [1, 1], bytes: -1, censored: false },
    ]);
    expect(fit.measured).toBe(100);
  });
});

describe('exceedance', () => {
  it('is certain at or below the limit a censored execution ran out at', () => {
    expect(exceedance(1000 * MiB, 0.05, 1500 * MiB, 1500 * MiB)).toBe(1);
  });

  it('conditions on the peak having been above the limit', () => {
    // Fitted at 1 GiB but killed at 1.5 GiB: far in the tail, yet still a little above the limit.
    const p = exceedance(1024 * MiB, 0.05, 1600 * MiB, 1500 * MiB);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.01);
    expect(exceedance(1024 * MiB, 0.05, 1501 * MiB, 1500 * MiB)).toBeGreaterThan(0.5);
  });

  it('is the plain normal tail for a measured execution', () => {
    expect(exceedance(1000, 0.1, 1000)).toBeCloseTo(0.5, 6);
  });
});
