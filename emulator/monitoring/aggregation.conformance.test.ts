import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRequest, startHarness, type CompactPoint, type Harness } from './conformance-client';
import { LARGE_JOB, METRIC, SMALL_JOB } from './conformance-fixture';

// Expected values are worked out by hand from conformance-fixture.ts. cpu/allocation_time over
// (0, 6] in 3-minute periods: reel-small has 10..60 per minute → (3,6]: 40+50+60, (0,3]: 10+20+30;
// reel-large has 5, 7, 9 at minutes 2–4 → (3,6]: 9, (0,3]: 5+7.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const period = (seconds: number) => ({ alignmentPeriod: { seconds } });
const values = (points: CompactPoint[]) => points.map((p) => p.value);

describe('per-series aligners on a DELTA DOUBLE metric', () => {
  it.each([
    ['ALIGN_SUM', 'DELTA', 'DOUBLE', [9, 12], [150, 60]],
    ['ALIGN_DELTA', 'DELTA', 'DOUBLE', [9, 12], [150, 60]],
    ['ALIGN_MEAN', 'GAUGE', 'DOUBLE', [9, 6], [50, 20]],
    ['ALIGN_MAX', 'GAUGE', 'DOUBLE', [9, 7], [60, 30]],
    ['ALIGN_MIN', 'GAUGE', 'DOUBLE', [9, 5], [40, 10]],
    ['ALIGN_COUNT', 'GAUGE', 'INT64', [1, 2], [3, 3]],
  ] as const)('%s → %s %s', async (aligner, kind, type, large, small) => {
    const series = await h.list(
      listRequest(METRIC.cpuAllocation, 0, 6, {
        aggregation: { ...period(180), perSeriesAligner: aligner },
      }),
    );
    expect(series.map((s) => s.resourceLabels.job_name)).toEqual([LARGE_JOB, SMALL_JOB]);
    expect(series.map((s) => [s.kind, s.type])).toEqual([
      [kind, type],
      [kind, type],
    ]);
    expect(values(series[0]!.points)).toEqual(large);
    expect(values(series[1]!.points)).toEqual(small);
    // Periods end at the request's end time and step back; DELTA output spans the period.
    const spans = series[1]!.points.map((p) => [p.from, p.to]);
    expect(spans).toEqual(
      kind === 'DELTA'
        ? [
            [3, 6],
            [0, 3],
          ]
        : [
            [6, 6],
            [3, 3],
          ],
    );
  });

  it('aligns periods to the end time, not to the clock', async () => {
    const [, small] = await h.list(
      listRequest(METRIC.cpuAllocation, 0, 5, {
        aggregation: { ...period(120), perSeriesAligner: 'ALIGN_SUM' },
      }),
    );
    expect(small!.points).toEqual([
      { from: 3, to: 5, value: 90 },
      { from: 1, to: 3, value: 50 },
      { from: -1, to: 1, value: 10 },
    ]);
  });

  it('sums INT64 deltas to INT64', async () => {
    const series = await h.list(
      listRequest(METRIC.completedExecutions, 0, 5, {
        aggregation: { ...period(300), perSeriesAligner: 'ALIGN_DELTA' },
      }),
    );
    expect(series.map((s) => [s.metricLabels.result, s.type, values(s.points)])).toEqual([
      ['failed', 'INT64', [1]],
      ['succeeded', 'INT64', [4]],
    ]);
  });
});

describe('per-series aligners on a DELTA DISTRIBUTION metric', () => {
  // cpu/utilizations over (0, 3]: reel-small holds {.25,.25,.35,.35,.35,.45} in buckets
  // [.2,.3)×2 [.3,.4)×3 [.4,.5)×1; reel-large holds four values in [.8,.9).
  it.each([
    ['ALIGN_PERCENTILE_99', 0.899, 0.494],
    ['ALIGN_PERCENTILE_95', 0.895, 0.47],
    ['ALIGN_PERCENTILE_50', 0.85, 0.3 + 0.1 / 3],
    ['ALIGN_PERCENTILE_05', 0.805, 0.215],
  ] as const)('%s interpolates inside the bucket → GAUGE DOUBLE', async (aligner, large, small) => {
    const series = await h.list(
      listRequest(METRIC.cpuUtilizations, 0, 3, {
        aggregation: { ...period(180), perSeriesAligner: aligner },
      }),
    );
    expect(series.map((s) => [s.kind, s.type, s.points.length])).toEqual([
      ['GAUGE', 'DOUBLE', 1],
      ['GAUGE', 'DOUBLE', 1],
    ]);
    expect(series[0]!.points[0]!.value).toBeCloseTo(large, 12);
    expect(series[1]!.points[0]!.value).toBeCloseTo(small, 12);
    expect(series[1]!.points[0]).toMatchObject({ from: 3, to: 3 });
  });

  it('ALIGN_SUM merges the distributions of the period', async () => {
    const [, small] = await h.list(
      listRequest(METRIC.cpuUtilizations, 0, 3, {
        aggregation: { ...period(180), perSeriesAligner: 'ALIGN_SUM' },
      }),
    );
    expect([small!.kind, small!.type]).toEqual(['DELTA', 'DISTRIBUTION']);
    const value = small!.points[0]!.value as { mean: number; sumOfSquaredDeviation: number };
    expect(small!.points[0]).toMatchObject({
      from: 0,
      to: 3,
      value: { count: 6, bucketCounts: [0, 0, 0, 2, 3, 1] },
    });
    expect(value.mean).toBeCloseTo(2 / 6, 12);
    expect(value.sumOfSquaredDeviation).toBeCloseTo(0.0283333333, 9);
  });
});

describe('cross-series reducers', () => {
  const summed = (reducer: string, groupByFields: string[] = []) =>
    listRequest(METRIC.cpuAllocation, 0, 6, {
      aggregation: {
        ...period(180),
        perSeriesAligner: 'ALIGN_SUM',
        crossSeriesReducer: reducer as never,
        groupByFields,
      },
    });

  // Per period the aligned values are {150, 9} (ending at 6) and {60, 12} (ending at 3).
  it.each([
    ['REDUCE_SUM', 'DOUBLE', [159, 72]],
    ['REDUCE_MEAN', 'DOUBLE', [79.5, 36]],
    ['REDUCE_MAX', 'DOUBLE', [150, 60]],
    ['REDUCE_MIN', 'DOUBLE', [9, 12]],
    ['REDUCE_COUNT', 'INT64', [2, 2]],
    ['REDUCE_PERCENTILE_99', 'DOUBLE', [148.59, 59.52]],
    ['REDUCE_PERCENTILE_95', 'DOUBLE', [142.95, 57.6]],
    ['REDUCE_PERCENTILE_50', 'DOUBLE', [79.5, 36]],
    ['REDUCE_PERCENTILE_05', 'DOUBLE', [16.05, 14.4]],
  ] as const)('%s folds both jobs into one %s series', async (reducer, type, expected) => {
    const series = await h.list(summed(reducer));
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ resourceLabels: {}, metricLabels: {}, kind: 'DELTA', type });
    const got = values(series[0]!.points) as number[];
    expect(got).toHaveLength(2);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
  });

  it('keeps one series per group-by value with only the grouped labels', async () => {
    const series = await h.list(summed('REDUCE_SUM', ['resource.label.job_name']));
    expect(series.map((s) => [s.resourceLabels, values(s.points)])).toEqual([
      [{ job_name: LARGE_JOB }, [9, 12]],
      [{ job_name: SMALL_JOB }, [150, 60]],
    ]);
  });

  it('groups by a metric label', async () => {
    const byResult = await h.list(
      listRequest(METRIC.completedExecutions, 0, 5, {
        aggregation: {
          ...period(300),
          perSeriesAligner: 'ALIGN_SUM',
          crossSeriesReducer: 'REDUCE_SUM',
          groupByFields: ['metric.labels.result'],
        },
      }),
    );
    expect(byResult.map((s) => [s.metricLabels, s.resourceLabels, values(s.points)])).toEqual([
      [{ result: 'failed' }, {}, [1]],
      [{ result: 'succeeded' }, {}, [4]],
    ]);
  });

  describe('over distributions', () => {
    const reduced = (reducer: string) =>
      h.list(
        listRequest(METRIC.cpuUtilizations, 0, 3, {
          aggregation: {
            ...period(180),
            perSeriesAligner: 'ALIGN_SUM',
            crossSeriesReducer: reducer as never,
          },
        }),
      );

    it('REDUCE_SUM merges them into one DISTRIBUTION', async () => {
      const [series] = await reduced('REDUCE_SUM');
      expect([series!.kind, series!.type]).toEqual(['DELTA', 'DISTRIBUTION']);
      const value = series!.points[0]!.value as { mean: number; sumOfSquaredDeviation: number };
      expect(series!.points[0]!.value).toMatchObject({
        count: 10,
        bucketCounts: [0, 0, 0, 2, 3, 1, 0, 0, 0, 4],
      });
      expect(value.mean).toBeCloseTo(0.54, 12);
      expect(value.sumOfSquaredDeviation).toBeCloseTo(0.669, 9);
    });

    it.each([
      ['REDUCE_MEAN', 'DOUBLE', 0.54],
      ['REDUCE_PERCENTILE_99', 'DOUBLE', 0.8975],
      ['REDUCE_PERCENTILE_50', 'DOUBLE', 0.4],
      ['REDUCE_COUNT', 'INT64', 2],
    ] as const)('%s → %s %d', async (reducer, type, expected) => {
      const [series] = await reduced(reducer);
      expect(series!.type).toBe(type);
      expect(series!.points[0]!.value).toBeCloseTo(expected, 12);
    });
  });
});
