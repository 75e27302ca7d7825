import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW_MS, FIXTURE_PROJECT, FIXTURE_REGION } from '@/emulator/run/fixture-world';
import { withCallCounter } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { getJobReport, reportWindow } from './report';
import { emulatorForTests } from '@/test/support/emulator';

const book = findPriceBook('jobs-tier1') as PriceBook;
const gcp = emulatorForTests();

const request = () => ({
  clients: withCallCounter(gcp.clients),
  project: FIXTURE_PROJECT,
  region: FIXTURE_REGION,
  job: 'reel-stitching-job',
  days: 1,
  policy: DEFAULT_TIER_POLICY,
  priceBook: book,
  objective: 'cost' as const,
  now: FIXTURE_NOW_MS,
});

describe('getJobReport', () => {
  it('costs every attempt of the job read from Cloud Run, retries and failures included', async () => {
    const { report } = await getJobReport(request());
    expect(report.totals).toMatchObject({
      executions: 6,
      running: 1,
      failed: 2,
      attempts: 13,
      billedRetries: 7,
    });
    // Attempt seconds: 61 + 62 + 66 exact; 50 + 70, 180 + 45 and 1830 + 600 with retry gaps.
    expect(report.totals.costUsd).toBeCloseTo(2964 * (2 * 0.000018 + 4 * 0.000002), 10);
    expect(report.unclassified.failedAttempts).toMatchObject({ oom: 4, timeout: 4 });
    expect(report.unclassified.executions).toBe(6);
    expect(report.warnings.map((w) => w.kind)).toEqual(
      expect.arrayContaining(['running-excluded', 'unreadable-payloads', 'estimated-attempts']),
    );
    expect(report.inputs).toMatchObject({
      project: FIXTURE_PROJECT,
      job: 'reel-stitching-job',
      objective: 'cost',
    });
  });

  it('makes one call per listing or metric, not one per execution', async () => {
    const { googleApiCalls, callsByMethod } = await getJobReport(request());
    expect(callsByMethod['run.ListTasks']).toBe(1);
    expect(callsByMethod['run.ListExecutions']).toBe(1);
    expect(googleApiCalls).toBeLessThanOrEqual(10);
  });

  it('names a job that does not exist', async () => {
    await expect(getJobReport({ ...request(), job: 'no-such-job' })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('reportWindow', () => {
  it.each([0, -1, Number.NaN, 401])('refuses %s days', (days) => {
    expect(() => reportWindow({ days, now: FIXTURE_NOW_MS })).toThrow(/1 to 400 days/);
  });

  it('ends a days window at now and clips an explicit one to now', () => {
    expect(reportWindow({ days: 2, now: 10 * 86_400_000 })).toEqual({
      startMs: 8 * 86_400_000,
      endMs: 10 * 86_400_000,
    });
    expect(reportWindow({ startMs: 0, endMs: 50, now: 20 })).toEqual({ startMs: 0, endMs: 20 });
    expect(() => reportWindow({ startMs: 30, endMs: 40, now: 20 })).toThrow(/starts in the future/);
    expect(() =>
      reportWindow({ startMs: 0, endMs: 401 * 86_400_000, now: 402 * 86_400_000 }),
    ).toThrow(/at most 400 days/);
  });
});
