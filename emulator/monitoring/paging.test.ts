import { describe, expect, it } from 'vitest';
import type { ResultSeries } from './aggregate';
import {
  MAX_PAGE_SIZE,
  PageTokenError,
  decodePageToken,
  effectivePageSize,
  encodePageToken,
  requestFingerprint,
  takePage,
} from './paging';

function series(job: string, pointCount: number): ResultSeries {
  return {
    metricType: 'run.googleapis.com/container/cpu/allocation_time',
    metricLabels: {},
    resourceType: 'cloud_run_job',
    resourceLabels: { job_name: job },
    metricKind: 'DELTA',
    valueType: 'DOUBLE',
    unit: 's{vCPU}',
    points: Array.from({ length: pointCount }, (_, i) => ({
      startMs: -(i + 1) * 60_000,
      endMs: -i * 60_000,
      value: i,
    })),
  };
}

const answer = [series('a', 2), series('b', 3)];
const shape = (page: { series: ResultSeries[] }) =>
  page.series.map((s) => [s.resourceLabels.job_name, s.points.map((p) => p.value)]);

describe('takePage', () => {
  it('ends a page that fills exactly at the last point without a next cursor', () => {
    const page = takePage(answer, { series: 0, point: 0 }, 5, true);
    expect(shape(page)).toEqual([
      ['a', [0, 1]],
      ['b', [0, 1, 2]],
    ]);
    expect(page.next).toBeUndefined();
  });

  it('splits a series and resumes it with its header', () => {
    const first = takePage(answer, { series: 0, point: 0 }, 3, true);
    expect(shape(first)).toEqual([
      ['a', [0, 1]],
      ['b', [0]],
    ]);
    expect(first.next).toEqual({ series: 1, point: 1 });
    const second = takePage(answer, first.next!, 3, true);
    expect(shape(second)).toEqual([['b', [1, 2]]]);
    expect(second.next).toBeUndefined();
  });

  it('counts whole series when points are not counted', () => {
    const page = takePage(answer, { series: 0, point: 0 }, 1, false);
    expect(shape(page)).toEqual([['a', [0, 1]]]);
    expect(page.next).toEqual({ series: 1, point: 0 });
  });

  it('answers an empty page past the end', () => {
    expect(takePage(answer, { series: 9, point: 0 }, 3, true)).toEqual({ series: [] });
  });
});

describe('page tokens', () => {
  const fingerprint = requestFingerprint({ filter: 'metric.type = "x"', view: 'FULL' });

  it('round-trips a cursor for the same request', () => {
    const token = encodePageToken(fingerprint, { series: 1, point: 7 });
    expect(decodePageToken(token, fingerprint)).toEqual({ series: 1, point: 7 });
  });

  it('ignores the paging fields and key order when fingerprinting', () => {
    expect(
      requestFingerprint({
        view: 'FULL',
        filter: 'metric.type = "x"',
        pageSize: 3,
        pageToken: 't',
      }),
    ).toBe(fingerprint);
    expect(requestFingerprint({ filter: 'metric.type = "y"', view: 'FULL' })).not.toBe(fingerprint);
  });

  it.each([
    ['not base64 json', 'not-a-token', 'not a token this service issued'],
    ['a negative index', encodePageToken(fingerprint, { series: -1, point: 0 }), 'not a token'],
    [
      'another request',
      encodePageToken('0123456789abcdef', { series: 0, point: 1 }),
      'different request',
    ],
  ])('refuses %s', (_, token, message) => {
    expect(() => decodePageToken(token, fingerprint)).toThrow(PageTokenError);
    expect(() => decodePageToken(token, fingerprint)).toThrow(message);
  });
});

describe('effectivePageSize', () => {
  it.each([
    [0, MAX_PAGE_SIZE],
    [1, 1],
    [100_000, 100_000],
    [250_000, MAX_PAGE_SIZE],
  ])('%i → %i', (requested, effective) => {
    expect(effectivePageSize(requested)).toBe(effective);
  });
});
