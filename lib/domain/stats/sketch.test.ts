import { describe, expect, it } from 'vitest';
import { StatsInputError, quantileSorted, sortFinite } from './quantile';
import { QuantileSketch } from './sketch';

/** mulberry32: a small seeded generator so the million-value sample is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal durations around 90 s with a long tail, like job run times. */
function durationSample(n: number, seed: number): Float64Array {
  const random = seeded(seed);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    values[i] = Math.exp(Math.log(90) + 0.8 * normal);
  }
  return values;
}

const QS = [0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];
const ALPHA = 0.01;

/** The sketch answers within α of the order statistic at ⌊(n − 1)q⌋ (DDSketch's guarantee). */
function expectWithinBound(sketch: QuantileSketch, sorted: Float64Array, q: number): void {
  const estimate = sketch.quantile(q) as number;
  const truth = sorted[Math.floor((sorted.length - 1) * q)] as number;
  expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(ALPHA * Math.abs(truth) + 1e-9);
}

describe('QuantileSketch on a million values', () => {
  const sample = durationSample(1_000_000, 20240611);
  const sorted = sortFinite(sample);
  const sketch = new QuantileSketch({ relativeAccuracy: ALPHA });
  sketch.addAll(sample);

  it.each(QS)('keeps q=%s within 1 %% of the true value', (q) => {
    expectWithinBound(sketch, sorted, q);
    const exact = quantileSorted(sorted, q) as number;
    expect(Math.abs((sketch.quantile(q) as number) - exact) / exact).toBeLessThanOrEqual(0.011);
  });

  it('keeps count, sum, min and max exact', () => {
    expect(sketch.count()).toBe(1_000_000);
    expect(sketch.min()).toBe(sorted[0]);
    expect(sketch.max()).toBe(sorted[sorted.length - 1]);
    const sum = sample.reduce((total, value) => total + value, 0);
    expect(sketch.sum()).toBeCloseTo(sum, 3);
    expect(sketch.isExact()).toBe(false);
  });

  it('merges partial sketches into the same answers as one sketch', () => {
    const parts = [0, 1, 2, 3].map(() => new QuantileSketch({ relativeAccuracy: ALPHA }));
    sample.forEach((value, i) => parts[i % 4]?.add(value));
    const [merged, ...rest] = parts as [QuantileSketch, ...QuantileSketch[]];
    for (const part of rest) merged.merge(part);
    expect(merged.count()).toBe(sketch.count());
    for (const q of QS) expect(merged.quantile(q)).toBe(sketch.quantile(q));
  });
});

describe('QuantileSketch on small inputs', () => {
  it('answers exactly while under its exact limit', () => {
    const sketch = new QuantileSketch();
    const values = [120, 60, 90, 75, 300, 61];
    sketch.addAll(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0, 0.1, 0.5, 0.95, 1])
      expect(sketch.quantile(q)).toBe(quantileSorted(sorted, q));
    expect(sketch.isExact()).toBe(true);
  });

  it('switches to buckets just past the exact limit and stays within the bound', () => {
    const sketch = new QuantileSketch({ exactLimit: 10 });
    for (let i = 1; i <= 10; i += 1) sketch.add(i * 10);
    expect(sketch.isExact()).toBe(true);
    sketch.add(110);
    expect(sketch.isExact()).toBe(false);
    const sorted = Float64Array.from({ length: 11 }, (_, i) => (i + 1) * 10);
    for (const q of QS) expectWithinBound(sketch, sorted, q);
  });

  it.each<[string, number[]]>([
    ['negative and positive values', [-500, -20, -3, 0, 0, 4, 50, 700, 1e6, -1e6]],
    ['zeros and −0', [0, -0, 0, 5, 0]],
    ['one value', [42]],
    ['tiny and huge values', [1e-6, 2e-6, 1e12, 5e11]],
  ])('bounds %s in bucket mode', (_name, values) => {
    const sketch = new QuantileSketch({ exactLimit: 0 });
    sketch.addAll(values);
    const sorted = sortFinite(values);
    for (const q of [...QS, 0, 1]) expectWithinBound(sketch, sorted, q);
  });

  it('answers nothing when empty', () => {
    const sketch = new QuantileSketch();
    expect([
      sketch.quantile(0.5),
      sketch.min(),
      sketch.max(),
      sketch.mean(),
      sketch.count(),
    ]).toEqual([undefined, undefined, undefined, undefined, 0]);
  });

  it('leaves out NaN and infinities and says how many', () => {
    const sketch = new QuantileSketch();
    sketch.addAll([1, Number.NaN, 3, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect([sketch.count(), sketch.ignoredCount(), sketch.quantile(0.5), sketch.mean()]).toEqual([
      2, 3, 2, 2,
    ]);
  });

  it('merges exact sketches exactly and an empty one harmlessly', () => {
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    a.addAll([1, 2, 3]);
    b.addAll([4, 5]);
    a.merge(b);
    a.merge(new QuantileSketch());
    expect([a.count(), a.quantile(0.5), a.min(), a.max(), a.sum(), a.isExact()]).toEqual([
      5,
      3,
      1,
      5,
      15,
      true,
    ]);
  });

  it('merges an exact sketch into a bucketed one', () => {
    const bucketed = new QuantileSketch({ exactLimit: 0 });
    bucketed.addAll([100, 200]);
    const exact = new QuantileSketch();
    exact.addAll([300, 400, 500]);
    bucketed.merge(exact);
    expectWithinBound(bucketed, Float64Array.from([100, 200, 300, 400, 500]), 0.5);
    expect(bucketed.count()).toBe(5);
  });

  it('refuses to merge sketches of different accuracy', () => {
    const coarse = new QuantileSketch({ relativeAccuracy: 0.05 });
    expect(() => new QuantileSketch().merge(coarse)).toThrow(StatsInputError);
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses relative accuracy %s', (relativeAccuracy) => {
    expect(() => new QuantileSketch({ relativeAccuracy })).toThrow(StatsInputError);
  });
});

describe('QuantileSketch as JSON', () => {
  it.each([
    ['exact', 4096],
    ['bucketed', 0],
  ])('round-trips a %s sketch through JSON text', (_name, exactLimit) => {
    const sketch = new QuantileSketch({ exactLimit });
    sketch.addAll([-3, 0, 12, 90, 91, 300, Number.NaN]);
    const restored = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
    for (const q of [0, 0.25, 0.5, 0.9, 1]) expect(restored.quantile(q)).toBe(sketch.quantile(q));
    expect([restored.count(), restored.sum(), restored.ignoredCount(), restored.isExact()]).toEqual(
      [sketch.count(), sketch.sum(), 1, exactLimit > 0],
    );
  });

  it('round-trips an empty sketch', () => {
    const restored = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(new QuantileSketch())));
    expect([restored.count(), restored.min(), restored.quantile(0.5)]).toEqual([
      0,
      undefined,
      undefined,
    ]);
    restored.add(5);
    expect([restored.min(), restored.max()]).toEqual([5, 5]);
  });
});
