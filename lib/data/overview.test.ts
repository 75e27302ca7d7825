import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from '@/emulator/server';
import { appEnvironmentForTests, lastDayView } from '@/test/support/emulator';
import {
  FIXTURE_NOW_MS,
  FIXTURE_PROJECT,
  FIXTURE_REGION,
  fixtureWorld,
} from '@/emulator/run/fixture-world';

const calls: string[] = [];

// The data layer reads its project, emulator and store from the environment, once per process.
appEnvironmentForTests('overview', async () => ({
  emulator: await startEmulator({
    world: fixtureWorld(),
    port: 0,
    onCall: (method) => void calls.push(method),
  }),
  env: { GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT, TIERWISE_REGION: FIXTURE_REGION },
}));

const view = lastDayView('balanced');

describe('the project overview', () => {
  it('has a row per job with its report figures, biggest saving first', async () => {
    const { getProjectOverview } = await import('./overview');
    const overview = await getProjectOverview(view, FIXTURE_NOW_MS);
    expect(overview.rows.map((r) => r.job).sort()).toEqual(['reel-stitching-job', 'thumbnail-job']);
    const reel = overview.rows.find((r) => r.job === 'reel-stitching-job')!;
    expect(reel.executions).toBe(6);
    expect(reel.costUsd).toBeGreaterThan(0);
    expect(reel.failureCostUsd).toBeGreaterThan(0);
    expect(reel.verdicts.map((v) => v.tierId)).toEqual(['unclassified']);
    expect(reel.problem).toBeNull();
    const savings = overview.rows.map((r) => r.monthlySavingUsd!);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    expect(overview.totals.costUsd).toBeCloseTo(
      overview.rows.reduce((s, r) => s + r.costUsd!, 0),
      10,
    );
    expect(overview.totals.unreadJobs).toBe(0);
    expect(overview.priceBook.id).toBe('jobs-tier1');
  });

  it('serves the same view again from the kept report, without asking Google', async () => {
    const { jobExists, loadReportView } = await import('./report-view');
    const request = { ...view, job: 'reel-stitching-job', objective: 'cost' } as const;
    const first = await loadReportView(request, FIXTURE_NOW_MS);
    calls.length = 0;
    const again = await loadReportView(request, FIXTURE_NOW_MS + 30_000);
    expect(again.report).toBe(first.report);
    // The page's existence check is answered by the reading too.
    expect(await jobExists('reel-stitching-job', FIXTURE_NOW_MS + 30_000)).toBe(true);
    expect(calls).toEqual([]);
    const later = await loadReportView(request, FIXTURE_NOW_MS + 61_000);
    expect(later.report).not.toBe(first.report);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('builds another objective, policy or book over the same window from the same reading', async () => {
    const { loadReportView } = await import('./report-view');
    const nowMs = FIXTURE_NOW_MS + 10 * 60_000;
    const request = { ...view, job: 'reel-stitching-job' } as const;
    const balanced = await loadReportView(request, nowMs);
    calls.length = 0;
    const speed = await loadReportView({ ...request, objective: 'speed' }, nowMs + 1_000);
    const services = await loadReportView(
      { ...request, bookId: 'services-request' },
      nowMs + 2_000,
    );
    expect(calls).toEqual([]);
    expect(speed.report).not.toBe(balanced.report);
    expect(speed.report.inputs.objective).toBe('speed');
    expect(services.report.inputs.priceBook.id).toBe('services-request');
    // The same reading: the same executions, the same read time, the calls that reading made.
    expect(speed.report.totals.executions).toBe(balanced.report.totals.executions);
    expect(speed.report.inputs.asOfMs).toBe(balanced.report.inputs.asOfMs);
    expect(services.googleApiCalls).toBe(balanced.googleApiCalls);
    expect(services.report.totals.costUsd).not.toBe(balanced.report.totals.costUsd);
    // Another window is another reading.
    await loadReportView({ ...request, window: { kind: 'days', days: 2 } }, nowMs + 3_000);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('reads a job again once told it changed, and keeps the other jobs', async () => {
    const { forgetJobReports, loadReportView } = await import('./report-view');
    const nowMs = FIXTURE_NOW_MS + 20 * 60_000;
    const reel = { ...view, job: 'reel-stitching-job' } as const;
    const thumbnail = { ...view, job: 'thumbnail-job' } as const;
    await loadReportView(reel, nowMs);
    await loadReportView(thumbnail, nowMs);
    forgetJobReports(['reel-stitching-job']);
    calls.length = 0;
    await loadReportView(thumbnail, nowMs + 1_000);
    expect(calls).toEqual([]);
    await loadReportView(reel, nowMs + 1_000);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('prices with the book a link names, and tells an unknown job from a known one', async () => {
    const { jobExists, loadReportView } = await import('./report-view');
    const priced = await loadReportView(
      { ...view, job: 'reel-stitching-job', bookId: 'services-request' },
      FIXTURE_NOW_MS,
    );
    expect(priced.report.inputs.priceBook.id).toBe('services-request');
    expect(await jobExists('reel-stitching-job')).toBe(true);
    expect(await jobExists('no-such-job')).toBe(false);
  });

  it('shows a job it could not read as unread, never as zero, and its sums as lower bounds', async () => {
    const { getProjectOverview, overviewTotals, rowOf } = await import('./overview');
    const { plainGoogleProblem } = await import('./google-problem');
    const { GcpUnavailableError, listJobs } = await import('@/lib/gcp');
    const { requestClients } = await import('./clients');
    const overview = await getProjectOverview(view, FIXTURE_NOW_MS);
    const jobs = await listJobs(requestClients(), {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
    });
    const thumbnail = jobs.items.find((job) => job.name === 'thumbnail-job')!;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const problem = plainGoogleProblem(
      new GcpUnavailableError('14 UNAVAILABLE: GetJob failed (injected fault)'),
      'the thumbnail-job report',
    );
    warn.mockRestore();
    const unread = rowOf(thumbnail, FIXTURE_REGION, null, problem);
    // No figure of what was not read is a zero: each is null, with the reason in plain words.
    expect(unread).toMatchObject({
      executions: null,
      costUsd: null,
      failureCostUsd: null,
      wasteUsd: null,
      monthlySavingUsd: null,
      costByDay: [],
      verdicts: [],
      problem: 'Google Cloud did not answer; try again in a minute',
    });
    const read = overview.rows.filter((row) => row.job !== 'thumbnail-job');
    expect(read).toHaveLength(1);
    const totals = overviewTotals([...read, unread]);
    expect(totals.unreadJobs).toBe(1);
    // The sums are those of the rows read, unchanged by the unread one.
    expect(totals.costUsd).toBeCloseTo(read[0]!.costUsd!, 12);
    expect(totals.wasteUsd).toBeCloseTo(read[0]!.wasteUsd!, 12);
    expect(totals.failureCostUsd).toBeCloseTo(read[0]!.failureCostUsd!, 12);
    expect(totals.costUsd).toBeGreaterThan(0);
    // None read: no sum at all, rather than $0.00.
    expect(overviewTotals([unread, unread])).toEqual({
      costUsd: null,
      failureCostUsd: null,
      wasteUsd: null,
      monthlySavingUsd: null,
      unreadJobs: 2,
    });
    expect(overviewTotals(overview.rows).unreadJobs).toBe(0);
  });

  it('lists every job with the reason when the window cannot be read, not a failed page', async () => {
    const { getProjectOverview } = await import('./overview');
    calls.length = 0;
    const future = {
      ...view,
      window: {
        kind: 'range',
        startMs: FIXTURE_NOW_MS + 86_400_000,
        endMs: FIXTURE_NOW_MS + 2 * 86_400_000,
      },
    } as const;
    const overview = await getProjectOverview(future, FIXTURE_NOW_MS);
    expect(overview.rows.map((r) => r.job).sort()).toEqual(['reel-stitching-job', 'thumbnail-job']);
    for (const row of overview.rows) {
      expect(row.problem).toMatch(/starts in the future/);
      expect(row.costUsd).toBeNull();
    }
    expect(overview.totals.costUsd).toBeNull();
    // Nothing is read for a window that cannot be: no Monitoring query but the month so far.
    expect(calls.filter((c) => c.endsWith('/ListTimeSeries'))).toHaveLength(2);
  });
});
