import type { protos } from '@google-cloud/monitoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compact,
  listRequest,
  startHarness,
  type CompactSeries,
  type Harness,
  type ListRequest,
} from './conformance-client';
import { LARGE_JOB, METRIC, PROJECT, SMALL_JOB } from './conformance-fixture';

type ITimeSeries = protos.google.monitoring.v3.ITimeSeries;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const minutes = (s: CompactSeries) => s.points.map((p) => p.to);

describe('raw reads', () => {
  it('returns every matching series, points newest first with their own intervals', async () => {
    const series = await h.list(listRequest(METRIC.cpuAllocation, 0, 6));
    expect(series.map((s) => [s.resourceLabels.job_name, s.kind, s.type])).toEqual([
      [LARGE_JOB, 'DELTA', 'DOUBLE'],
      [SMALL_JOB, 'DELTA', 'DOUBLE'],
    ]);
    expect(series[1]!.points).toEqual(
      [60, 50, 40, 30, 20, 10].map((value, i) => ({
        from: 5 - i,
        to: 6 - i,
        value,
      })),
    );
    expect(series[0]!.resourceLabels).toEqual({
      project_id: PROJECT,
      job_name: LARGE_JOB,
      location: 'us-central1',
    });
  });

  it('reads a DELTA interval as (start, end]: a point ending at the start is left out', async () => {
    const [, small] = await h.list(listRequest(METRIC.cpuAllocation, 1, 3));
    expect(minutes(small!)).toEqual([3, 2]);
  });

  it('reads a GAUGE interval with both ends included', async () => {
    const [running] = await h.list(listRequest(METRIC.runningExecutions, 1, 3));
    expect(running!.points.map((p) => [p.from, p.to, p.value])).toEqual([
      [3, 3, 0],
      [2, 2, 2],
      [1, 1, 1],
    ]);
  });

  it('reads the single instant end_time when start_time is omitted', async () => {
    const request = listRequest(METRIC.runningExecutions, 2, 2);
    delete request.interval!.startTime;
    const [running] = await h.list(request);
    expect(running!.points.map((p) => p.value)).toEqual([2]);
  });

  it('leaves out series with no point in the interval', async () => {
    const series = await h.list(listRequest(METRIC.cpuAllocation, 4, 6));
    expect(series.map((s) => s.resourceLabels.job_name)).toEqual([SMALL_JOB]);
  });

  it('answers an unknown metric type with nothing', async () => {
    expect(await h.list(listRequest('run.googleapis.com/job/no_such_metric', 0, 6))).toEqual([]);
  });

  it('narrows by resource and metric labels', async () => {
    const filter =
      `metric.type = "${METRIC.completedExecutions}" AND resource.label.job_name = "${SMALL_JOB}" ` +
      'AND metric.labels.result != "failed"';
    const series = await h.list(listRequest(METRIC.completedExecutions, 0, 6, { filter }));
    expect(series.map((s) => [s.metricLabels, s.points.map((p) => p.value)])).toEqual([
      [{ result: 'succeeded' }, [1, 2, 1]],
    ]);
  });

  it('returns headers without points in the HEADERS view', async () => {
    const series = await h.list(listRequest(METRIC.cpuAllocation, 0, 6, { view: 'HEADERS' }));
    expect(series.map((s) => [s.resourceLabels.job_name, s.kind, s.points.length])).toEqual([
      [LARGE_JOB, 'DELTA', 0],
      [SMALL_JOB, 'DELTA', 0],
    ]);
  });

  it('gives the same answer to the same request', async () => {
    const request = listRequest(METRIC.cpuUtilizations, 0, 6, {
      aggregation: { alignmentPeriod: { seconds: 120 }, perSeriesAligner: 'ALIGN_SUM' },
    });
    const [, , first] = await h.clients.metrics.listTimeSeries(request, { autoPaginate: false });
    const [, , second] = await h.clients.metrics.listTimeSeries(request, { autoPaginate: false });
    expect(second).toEqual(first);
    expect(first.timeSeries).toHaveLength(2);
  });
});

describe('requests Cloud Monitoring refuses', () => {
  const failing = (request: ListRequest, code: number, needle: string) =>
    expect(h.list(request)).rejects.toMatchObject({
      code,
      message: expect.stringContaining(needle),
    });
  const base = () => listRequest(METRIC.cpuAllocation, 0, 6);

  const withOr = `metric.type = "${METRIC.cpuAllocation}" OR resource.type = "cloud_run_job"`;
  it.each([
    [withOr, `character ${withOr.indexOf('OR') + 1}: OR is not supported`],
    [
      `metric.type = "${METRIC.cpuAllocation}" AND resource.labels.job_name = starts_with("r")`,
      'starts_with',
    ],
    [`metric.type = "${METRIC.cpuAllocation}" AND resource.labels.job_name : "r"`, 'has operator'],
    [`metric.type = "${METRIC.cpuAllocation}`, 'unterminated string'],
    ['resource.type = "cloud_run_job"', 'one metric type'],
    [
      `metric.type = "${METRIC.cpuAllocation}" AND metric.type = "${METRIC.cpuUtilizations}"`,
      'exactly one',
    ],
    [`metric.type = "${METRIC.cpuAllocation}" AND resource.zone = "x"`, 'unknown field'],
  ])('filter %s → INVALID_ARGUMENT', async (filter, needle) => {
    await failing({ ...base(), filter }, 3, needle);
  });

  it.each([
    ['projects/other-project', 5, 'project "other-project" was not found'],
    ['projects/123456789012', 5, 'project number 123456789012 is not known'],
    ['project/tierwise-demo', 3, 'name must be "projects/PROJECT_ID"'],
    ['projects/tierwise-demo/timeSeries', 3, 'name must be'],
  ])('name %s → code %i', async (name, code, needle) => {
    await failing({ ...base(), name }, code, needle);
  });

  it('requires an end time and a start no later than it', async () => {
    await failing({ ...base(), interval: {} }, 3, 'end_time is required');
    const reversed = listRequest(METRIC.cpuAllocation, 6, 0);
    await failing(reversed, 3, 'start_time must not be later');
  });

  it('answers UNIMPLEMENTED for the other MetricService methods', async () => {
    await expect(
      h.clients.metrics.listMetricDescriptors(
        { name: `projects/${PROJECT}` },
        { autoPaginate: false },
      ),
    ).rejects.toMatchObject({
      code: 12,
      message: expect.stringContaining('ListMetricDescriptors'),
    });
  });
});

describe('paging', () => {
  // 3 points for reel-large then 6 for reel-small: pages of 4 end inside reel-small twice.
  const request = () => listRequest(METRIC.cpuAllocation, 0, 6, { pageSize: 4 });

  async function walk(first: ListRequest) {
    const pages: CompactSeries[][] = [];
    let next: ListRequest | null = first;
    while (next) {
      const [series, nextRequest]: [ITimeSeries[], ListRequest | null, unknown] =
        await h.clients.metrics.listTimeSeries(next, { autoPaginate: false });
      pages.push(series.map(compact));
      next = nextRequest;
    }
    return pages;
  }

  it('counts points, repeats the header of a series split across pages, and loses nothing', async () => {
    const pages = await walk(request());
    expect(pages.map((page) => page.map((s) => [s.resourceLabels.job_name, minutes(s)]))).toEqual([
      [
        [LARGE_JOB, [4, 3, 2]],
        [SMALL_JOB, [6]],
      ],
      [[SMALL_JOB, [5, 4, 3, 2]]],
      [[SMALL_JOB, [1]]],
    ]);
    const whole = await h.list(listRequest(METRIC.cpuAllocation, 0, 6));
    const rejoined = whole.map((s) => ({
      ...s,
      points: pages
        .flat()
        .filter((p) => p.resourceLabels.job_name === s.resourceLabels.job_name)
        .flatMap((p) => p.points),
    }));
    expect(rejoined).toEqual(whole);
  });

  it('counts series in the HEADERS view', async () => {
    const pages = await walk({ ...request(), view: 'HEADERS', pageSize: 1 });
    expect(pages.map((page) => page.map((s) => s.resourceLabels.job_name))).toEqual([
      [LARGE_JOB],
      [SMALL_JOB],
    ]);
  });

  it('lets auto-pagination gather every page', async () => {
    const [series] = await h.clients.metrics.listTimeSeries(request());
    expect(series.map(compact).map(minutes)).toEqual([[4, 3, 2], [6], [5, 4, 3, 2], [1]]);
  });

  it('refuses a malformed token and a token issued for another request', async () => {
    const [, nextRequest] = await h.clients.metrics.listTimeSeries(request(), {
      autoPaginate: false,
    });
    const token = nextRequest!.pageToken!;
    await expect(h.list({ ...request(), pageToken: 'not-a-token' })).rejects.toMatchObject({
      code: 3,
      message: expect.stringContaining('not a token this service issued'),
    });
    const otherWindow = listRequest(METRIC.cpuAllocation, 0, 5, { pageSize: 4, pageToken: token });
    await expect(h.list(otherWindow)).rejects.toMatchObject({
      code: 3,
      message: expect.stringContaining('issued for a different request'),
    });
  });
});
