import { describe, expect, it } from 'vitest';
import { fitDurationModel } from './fit';
import {
  amdahlFactor,
  exceedanceProbability,
  projectDurations,
  projectedQuantile,
} from './project';
import type { DurationModel } from './types';

function modelOf(
  seconds: number[],
  q: number,
  vcpu = 2,
  censored = new Map<number, number>(),
): DurationModel {
  return {
    basis: 'vcpu-history',
    parallelFraction: { estimate: q, low: q, high: q },
    sizeExponent: null,
    logResidualSd: null,
    samples: seconds.length + [...censored.values()].reduce((a, b) => a + b, 0),
    censoredSamples: [...censored.values()].reduce((a, b) => a + b, 0),
    groups: [{ vcpu, sortedSeconds: Float64Array.from(seconds).sort(), censored }],
    notes: [],
  };
}

describe('amdahlFactor', () => {
  it.each([
    { q: 0, from: 2, to: 8, factor: 1 },
    { q: 1, from: 2, to: 4, factor: 0.5 },
    { q: 1, from: 4, to: 1, factor: 4 },
    { q: 0.5, from: 1, to: 2, factor: 0.75 },
    { q: 0.8, from: 2, to: 2, factor: 1 },
  ])('q=$q from $from to $to vCPU → ×$factor', ({ q, from, to, factor }) => {
    expect(amdahlFactor(q, from, to)).toBeCloseTo(factor, 12);
  });
});

describe('projectDurations', () => {
  const seconds = Array.from({ length: 100 }, (_, k) => k + 1);

  it('reads percentiles of the history itself at the vCPU it ran at', () => {
    const projection = projectDurations(modelOf(seconds, 0.6), 2);
    expect(projection.p50Seconds).toBeCloseTo(50, 6);
    expect(projection.p95Seconds).toBeCloseTo(95, 6);
    expect(projection.meanSeconds).toBeCloseTo(50.5, 9);
  });

  it('rescales every run by Amdahl when projecting to another vCPU', () => {
    const projection = projectDurations(modelOf(seconds, 1), 4);
    expect(projection.p50Seconds).toBeCloseTo(25, 6);
    expect(projection.p95Seconds).toBeCloseTo(47.5, 6);
  });

  it('gives intervals that contain the estimate and widen with fewer runs', () => {
    const many = projectDurations(modelOf(seconds, 0.5), 8);
    const few = projectDurations(
      modelOf(
        seconds.slice(0, 100).filter((_, k) => k % 10 === 0),
        0.5,
      ),
      8,
    );
    for (const p of [many, few]) {
      expect(p.p95IntervalSeconds.low).toBeLessThanOrEqual(p.p95Seconds);
      expect(p.p95IntervalSeconds.high).toBeGreaterThanOrEqual(p.p95Seconds);
    }
    const width = (p: typeof many) =>
      (p.p50IntervalSeconds.high - p.p50IntervalSeconds.low) / p.p50Seconds;
    expect(width(few)).toBeGreaterThan(width(many));
  });

  it('projects one execution as itself', () => {
    const projection = projectDurations(modelOf([42], 0.7), 2);
    expect(projection.p50Seconds).toBeCloseTo(42, 6);
    expect(projection.p95Seconds).toBeCloseTo(42, 6);
  });

  it('places timed-out runs above the timeout they were killed at', () => {
    const model = modelOf(seconds.slice(0, 90), 0.5, 2, new Map([[600, 10]]));
    expect(projectDurations(model, 2).p95Seconds).toBeGreaterThan(600);
    expect(projectedQuantile(model, 0.5, 2, 0.5)).toBeLessThan(100);
  });
});

describe('exceedanceProbability', () => {
  it.each([
    { limit: 0, expected: 1 },
    { limit: 50, expected: 0.5 },
    { limit: 100, expected: 0 },
    { limit: 1000, expected: 0 },
  ])('P(duration > $limit s) = $expected', ({ limit, expected }) => {
    const model = modelOf(
      Array.from({ length: 100 }, (_, k) => k + 1),
      0.5,
    );
    expect(exceedanceProbability(model, 2, limit)).toBeCloseTo(expected, 9);
  });

  it('counts timed-out runs as still too slow for the same timeout', () => {
    const model = modelOf([10, 20, 30], 0.5, 2, new Map([[600, 1]]));
    expect(exceedanceProbability(model, 2, 600)).toBeCloseTo(0.25, 9);
    expect(exceedanceProbability(model, 2, 1200)).toBe(0);
  });

  it('is zero with no history', () => {
    expect(exceedanceProbability(fitDurationModel([]), 2, 60)).toBe(0);
  });
});
