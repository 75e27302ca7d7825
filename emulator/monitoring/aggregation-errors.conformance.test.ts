import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRequest, startHarness, type Harness } from './conformance-client';
import { METRIC } from './conformance-fixture';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const period = (seconds: number) => ({ alignmentPeriod: { seconds } });

describe('aggregations Cloud Monitoring refuses', () => {
  const refuse = (metricType: string, aggregation: object, code: number, ...needles: string[]) =>
    expect(h.list(listRequest(metricType, 0, 6, { aggregation }))).rejects.toMatchObject({
      code,
      message: expect.stringMatching(new RegExp(needles.join('.*'))),
    });

  it.each([
    [
      METRIC.cpuUtilizations,
      { ...period(60), perSeriesAligner: 'ALIGN_MEAN' },
      ['ALIGN_MEAN', 'DISTRIBUTION'],
    ],
    [
      METRIC.cpuUtilizations,
      { ...period(60), perSeriesAligner: 'ALIGN_MAX' },
      ['ALIGN_MAX', 'DISTRIBUTION'],
    ],
    [
      METRIC.cpuUtilizations,
      { ...period(60), perSeriesAligner: 'ALIGN_COUNT' },
      ['ALIGN_COUNT', 'DISTRIBUTION'],
    ],
    [
      METRIC.cpuAllocation,
      { ...period(60), perSeriesAligner: 'ALIGN_PERCENTILE_99' },
      ['ALIGN_PERCENTILE_99', 'DOUBLE'],
    ],
    [
      METRIC.runningExecutions,
      { ...period(60), perSeriesAligner: 'ALIGN_DELTA' },
      ['ALIGN_DELTA', 'GAUGE'],
    ],
    [
      METRIC.cpuUtilizations,
      { ...period(60), perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_MAX' },
      ['REDUCE_MAX', 'DISTRIBUTION'],
    ],
    [METRIC.cpuAllocation, { perSeriesAligner: 'ALIGN_SUM' }, ['alignment_period is required']],
    [
      METRIC.cpuAllocation,
      { ...period(30), perSeriesAligner: 'ALIGN_SUM' },
      ['at least 60 seconds'],
    ],
    [
      METRIC.cpuAllocation,
      { crossSeriesReducer: 'REDUCE_SUM' },
      ['REDUCE_SUM requires a per_series_aligner'],
    ],
    [
      METRIC.cpuAllocation,
      {
        ...period(60),
        perSeriesAligner: 'ALIGN_SUM',
        crossSeriesReducer: 'REDUCE_SUM',
        groupByFields: ['job_name'],
      },
      ['groupByFields', 'job_name'],
    ],
  ])('%s with %j → INVALID_ARGUMENT', async (metricType, aggregation, needles) => {
    await refuse(metricType, aggregation, 3, ...needles);
  });

  it('checks the aligner against the metric even when no series matches', async () => {
    const request = listRequest(METRIC.cpuUtilizations, 0, 6, {
      filter: `metric.type = "${METRIC.cpuUtilizations}" AND resource.labels.job_name = "none"`,
      aggregation: { ...period(60), perSeriesAligner: 'ALIGN_MEAN' },
    });
    await expect(h.list(request)).rejects.toMatchObject({ code: 3 });
  });

  it('answers UNIMPLEMENTED for an aligner the emulator does not serve', async () => {
    await refuse(
      METRIC.cpuAllocation,
      { ...period(60), perSeriesAligner: 'ALIGN_RATE' },
      12,
      'ALIGN_RATE',
    );
  });
});
