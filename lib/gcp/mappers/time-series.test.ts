import { describe, expect, it } from 'vitest';
import allocation from '@/test/fixtures/gcp/allocation-time.json';
import cpuPages from '@/test/fixtures/gcp/cpu-utilisation-pages.json';
import type { DataWarning } from '@/lib/domain/records';
import {
  bucketBounds,
  distributionPoints,
  mergeSeries,
  numericPoints,
  seriesLabel,
  type ProtoTimeSeries,
} from './time-series';

const pages = () => structuredClone(cpuPages) as unknown as ProtoTimeSeries[][];
const allocationSeries = () => structuredClone(allocation) as unknown as ProtoTimeSeries[];

describe('mergeSeries', () => {
  it('joins a series split across pages, whatever the label order', () => {
    const merged = mergeSeries(pages().flat());
    expect(merged).toHaveLength(2);
    const reel = merged.find((s) => seriesLabel(s, 'job_name') === 'reel-stitching-job')!;
    expect(reel.points).toHaveLength(2);
  });
});

describe('distributionPoints', () => {
  it('returns points oldest first with bounds and padded bucket counts', () => {
    const reel = mergeSeries(pages().flat())[0]!;
    const warnings: DataWarning[] = [];
    const points = distributionPoints(reel, warnings);
    expect(warnings).toEqual([]);
    expect(points.map((p) => p.endMs)).toEqual([1719900060000, 1719900120000]);
    expect(points[0]).toEqual({
      startMs: 1719900000000,
      endMs: 1719900060000,
      count: 3,
      mean: 0.41,
      sumOfSquaredDeviation: 0.01,
      bucketBounds: [0.1, 0.2, 0.4, 0.8],
      bucketCounts: [0, 0, 2, 1, 0],
    });
  });

  it('shares one bounds array between points of one layout, and keeps layouts apart', () => {
    const reel = mergeSeries(pages().flat())[0]!;
    // Monitoring sends points newest first: the last one sent is the oldest.
    const oldest = reel.points![1]!.value!.distributionValue!;
    const [first, same] = distributionPoints(reel, []);
    expect(same?.bucketBounds).toBe(first?.bucketBounds);
    oldest.bucketOptions = {
      exponentialBuckets: { numFiniteBuckets: 2, growthFactor: 2, scale: 1 },
    };
    const [other, kept] = distributionPoints(reel, []);
    expect(other?.bucketBounds).toEqual([1, 2, 4]);
    expect(kept?.bucketBounds).toEqual([0.1, 0.2, 0.4, 0.8]);
    expect(Object.isFrozen(other?.bucketBounds)).toBe(true);
  });

  it('reads explicit buckets', () => {
    const large = mergeSeries(pages().flat())[1]!;
    const [point] = distributionPoints(large, []);
    expect(point?.bucketBounds).toEqual([0.25, 0.5, 0.75]);
    expect(point?.bucketCounts).toEqual([0, 0, 0, 1]);
  });

  it.each([
    ['a NaN mean', (d: Record<string, unknown>) => void (d.mean = Number.NaN), /mean NaN/],
    ['a negative count', (d: Record<string, unknown>) => void (d.count = '-3'), /count -3/],
    [
      'a negative bucket',
      (d: Record<string, unknown>) => void (d.bucketCounts = ['0', '-1']),
      /bucket count/,
    ],
  ])('drops a point with %s and records a warning', (_, spoil, problem) => {
    const reel = mergeSeries(pages().flat())[0]!;
    spoil(reel.points![0]!.value!.distributionValue as Record<string, unknown>);
    const warnings: DataWarning[] = [];
    const points = distributionPoints(reel, warnings);
    expect(points).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.resource).toContain('reel-stitching-job');
    expect(warnings[0]?.problem).toMatch(problem);
  });

  it('drops a point without an end time', () => {
    const reel = mergeSeries(pages().flat())[0]!;
    reel.points![1]!.interval = { startTime: { seconds: '1719900000' } };
    const warnings: DataWarning[] = [];
    expect(distributionPoints(reel, warnings)).toHaveLength(1);
    expect(warnings[0]?.problem).toMatch(/no end time/);
  });
});

describe('numericPoints', () => {
  it('reads DOUBLE points oldest first', () => {
    const points = numericPoints(allocationSeries()[0]!, []);
    expect(points).toEqual([
      { startMs: 1719878400000, endMs: 1719964800000, value: 4980 },
      { startMs: 1719964800000, endMs: 1720051200000, value: 5402.5 },
    ]);
  });

  it('reads INT64 points given as strings', () => {
    const series = allocationSeries()[0]!;
    series.points![0]!.value = { int64Value: '12', value: 'int64Value' } as never;
    expect(numericPoints(series, []).map((p) => p.value)).toContain(12);
  });

  it('drops negative and NaN values with a warning', () => {
    const series = allocationSeries()[0]!;
    series.points![0]!.value!.doubleValue = -5;
    series.points![1]!.value!.doubleValue = Number.NaN;
    const warnings: DataWarning[] = [];
    expect(numericPoints(series, warnings)).toEqual([]);
    expect(warnings.map((w) => w.problem)).toEqual([
      expect.stringMatching(/value -5/),
      expect.stringMatching(/value NaN/),
    ]);
  });
});

describe('bucketBounds', () => {
  it.each([
    [{ linearBuckets: { numFiniteBuckets: 2, width: 0.5, offset: 0 } }, [0, 0.5, 1]],
    [{ exponentialBuckets: { numFiniteBuckets: 1, growthFactor: 10, scale: 1 } }, [1, 10]],
    [{ explicitBuckets: { bounds: [1, 2] } }, [1, 2]],
    [null, []],
  ])('%j → %j', (options, bounds) => {
    expect(bucketBounds(options)).toEqual(bounds);
  });
});
