import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_MINUTES,
  GiB,
  LARGE,
  PROJECT,
  SMALL,
  at,
  monitoringWorld,
} from '@/test/fixtures/gcp/monitoring-world';
import { withCallCounter } from './clients';
import {
  readAllocation,
  readCompletedExecutions,
  readExecutionMetrics,
  readExecutionMetricsOfJobs,
  readUtilisation,
} from './monitoring';
import { emulatorForTests } from '@/test/support/emulator';

const gcp = emulatorForTests(monitoringWorld);

const window = { project: PROJECT, startMs: at(0), endMs: at(ALLOCATION_MINUTES) };

describe('readUtilisation', () => {
  it('returns per-minute distributions per job in one call', async () => {
    const counted = withCallCounter(gcp.clients);
    const { items, warnings } = await readUtilisation(counted, { ...window, resource: 'cpu' });
    expect(warnings).toEqual([]);
    expect(counted.calls.total).toBe(1);
    const small = items.find((s) => s.job === SMALL);
    expect(small?.points.map((p) => [p.endMs, p.count, p.mean])).toEqual([
      [at(1), 2, 0.25],
      [at(2), 2, 0.35],
    ]);
    expect(small?.points[0]?.bucketBounds).toHaveLength(11);
    expect(small?.points[0]?.bucketCounts).toEqual([0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(items.find((s) => s.job === LARGE)?.points.map((p) => p.mean)).toEqual([0.85]);
  });

  it('narrows to one job', async () => {
    const { items } = await readUtilisation(gcp.clients, {
      ...window,
      job: LARGE,
      resource: 'cpu',
    });
    expect(items.map((s) => s.job)).toEqual([LARGE]);
  });

  it('returns nothing for a resource with no data', async () => {
    const { items } = await readUtilisation(gcp.clients, { ...window, resource: 'memory' });
    expect(items).toEqual([]);
  });
});

describe('readAllocation', () => {
  it('sums vCPU-seconds and GiB-seconds per period per job', async () => {
    const counted = withCallCounter(gcp.clients);
    const { items } = await readAllocation(counted, { ...window, periodSeconds: 3600 });
    expect(counted.calls.total).toBe(2);
    const byJob = Object.fromEntries(
      items.map((s) => [s.job, s.points.map((p) => [p.vcpuSeconds, p.gibSeconds])]),
    );
    expect(byJob).toEqual({
      [SMALL]: [
        [7200, 14400],
        [7200, 14400],
      ],
      [LARGE]: [
        [14400, 28800],
        [14400, 28800],
      ],
    });
  });
});

describe('paging', () => {
  it('joins series that Monitoring splits across pages', async () => {
    const whole = await readUtilisation(gcp.clients, { ...window, resource: 'cpu' });
    const counted = withCallCounter(gcp.clients);
    const paged = await readUtilisation(counted, { ...window, resource: 'cpu', pointsPerPage: 1 });
    // 3 points at 1 a page: reel-small's two points arrive on separate pages.
    expect(paged.pages).toBe(3);
    expect(counted.calls.total).toBe(3);
    expect(paged.items).toHaveLength(2);
    expect(sortByJob(paged.items)).toEqual(sortByJob(whole.items));
  });
});

const sortByJob = <T extends { job: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.job.localeCompare(b.job));

describe('readCompletedExecutions', () => {
  it('counts completed executions per period and result', async () => {
    const { items } = await readCompletedExecutions(gcp.clients, {
      ...window,
      job: SMALL,
      periodSeconds: 3600,
    });
    const byResult = Object.fromEntries(items.map((s) => [s.result, s.points.map((p) => p.value)]));
    expect(byResult).toEqual({ succeeded: [3, 2], failed: [1] });
  });
});

describe('readExecutionMetrics', () => {
  it('reads peak memory (largest task) and CPU seconds (all tasks) per execution', async () => {
    const counted = withCallCounter(gcp.clients);
    const { items } = await readExecutionMetrics(counted, {
      project: PROJECT,
      job: SMALL,
      startMs: at(0),
      endMs: at(60),
    });
    expect(counted.calls.total).toBe(2);
    expect(items).toEqual([
      { execution: 'reel-small-a', peakMemoryBytes: 2.5 * GiB, cpuSeconds: 90 },
      { execution: 'reel-small-b', peakMemoryBytes: 1 * GiB, cpuSeconds: 30 },
    ]);
  });

  it('is empty for a job that does not report them', async () => {
    const { items } = await readExecutionMetrics(gcp.clients, {
      project: PROJECT,
      job: LARGE,
      startMs: at(0),
      endMs: at(60),
    });
    expect(items).toEqual([]);
  });
});

describe('readExecutionMetricsOfJobs', () => {
  it('reads every job of the project in one query per metric, split by job', async () => {
    const counted = withCallCounter(gcp.clients);
    const { items, warnings } = await readExecutionMetricsOfJobs(counted, {
      project: PROJECT,
      startMs: at(0),
      endMs: at(60),
    });
    expect(warnings).toEqual([]);
    expect(counted.calls.total).toBe(2);
    const one = await readExecutionMetrics(gcp.clients, {
      project: PROJECT,
      job: SMALL,
      startMs: at(0),
      endMs: at(60),
    });
    expect(items.find((i) => i.job === SMALL)?.usage).toEqual(one.items);
    // A job that does not report them is absent, not an empty entry.
    expect(items.find((i) => i.job === LARGE)).toBeUndefined();
  });
});
