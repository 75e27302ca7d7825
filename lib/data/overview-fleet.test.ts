/**
 * A project with 200 jobs (emulator/scenarios/fleet-200.json) over the real emulator and a real
 * store: the overview lists every job, and its Monitoring calls do not grow with the jobs.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/server';
import { createWorld, loadScenario } from '@/emulator/sim';
import { appEnvironmentForTests } from '@/test/support/emulator';

const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const calls: string[] = [];

appEnvironmentForTests('fleet', async () => {
  const world = createWorld(loadScenario('emulator/scenarios/fleet-200.json'), {
    seed: 3,
    now: NOW_MS,
  });
  return {
    emulator: await startEmulator({ world, port: 0, onCall: (method) => void calls.push(method) }),
    env: { GOOGLE_CLOUD_PROJECT: world.project, TIERWISE_REGION: world.region },
  };
});

const view = {
  window: { kind: 'days', days: 7 },
  policy: null,
  bookId: null,
  objective: 'balanced',
} as const;

/** Calls by method name, e.g. `ListTimeSeries`. */
function tally(methods: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const method of methods) {
    const name = method.split('/').pop() ?? method;
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

// CPU and memory utilisation, CPU and memory allocation, completed executions, the two
// per-execution usage metrics: one query each for the project, and the month's allocation (two).
const MONITORING_QUERIES = 9;
// The ledgers it synced are attributed in one pass: CPU, memory and the two per-execution
// metrics once more, over the settled minutes, then CPU and memory allocation and completed
// executions over the settled hours, for every job at once.
const ATTRIBUTION_QUERIES = 7;

describe('the overview of a project with 200 jobs', () => {
  it('syncs the ledgers eight at a time, streaming each batch, with one Monitoring read per metric and one attribution pass', async () => {
    const { startProjectOverview, SYNC_CONCURRENCY } = await import('./overview');
    calls.length = 0;
    const stream = await startProjectOverview(view, NOW_MS);
    expect(stream.head.jobs).toBe(200);
    // Nothing synced yet: every ledger is stale, synced in batches that stream one by one.
    expect(stream.batches).toHaveLength(200 / SYNC_CONCURRENCY);
    expect(stream.batches.every((b) => b.syncing && b.jobs === SYNC_CONCURRENCY)).toBe(true);
    // Each batch is its jobs' rows alone, whenever the others finish (the bench times it).
    const first = await stream.batches[0]!.rows;
    expect(first.map((r) => r.job).sort()).toEqual(
      Array.from({ length: SYNC_CONCURRENCY }, (_, i) => `batch-job-00${i + 1}`),
    );
    const overview = await stream.complete;
    expect(overview.rows.map((r) => r.job).sort()).toEqual(
      Array.from({ length: 200 }, (_, i) => `batch-job-${String(i + 1).padStart(3, '0')}`),
    );
    expect(overview.rows.filter((r) => r.problem !== null)).toEqual([]);
    expect(overview.totals.unreadJobs).toBe(0);
    expect(overview.rows.every((r) => (r.executions ?? 0) > 0 && (r.costUsd ?? 0) > 0)).toBe(true);
    const cold = tally(calls);
    expect(cold.ListTimeSeries).toBe(MONITORING_QUERIES + ATTRIBUTION_QUERIES);
    // Every synced ledger holds its figures: a job report afterwards reads them from the store.
    const { currentStore } = await import('./settings');
    const { readUsage, readJobStatus } = await import('@/lib/ledger');
    const store = await currentStore();
    for (const job of ['batch-job-001', 'batch-job-100', 'batch-job-200']) {
      const ref = { project: overview.project, region: overview.region, job };
      const { figures } = await readUsage(store, ref, { sinceMs: 0, untilMs: NOW_MS });
      expect(figures.size).toBeGreaterThan(0);
      expect(await readJobStatus(store, ref)).toMatchObject({
        phase: 'idle',
        attributedThroughMs: NOW_MS - 10 * 60_000,
      });
    }
    expect(cold.ListJobs).toBe(1);
    // The first sync reads each job's executions from Cloud Run; no job is read one by one.
    expect(cold.ListExecutions).toBeGreaterThanOrEqual(200);
    expect(cold.GetJob ?? 0).toBe(0);
  });

  it('reads a synced project from the store: no Cloud Run read but the listing, Monitoring only for the last minutes', async () => {
    const { startProjectOverview } = await import('./overview');
    calls.length = 0;
    const stream = await startProjectOverview(view, NOW_MS + 60_000);
    expect(stream.batches).toHaveLength(1);
    expect(stream.batches[0]).toMatchObject({ jobs: 200, syncing: false });
    const overview = await stream.complete;
    expect(overview.rows).toHaveLength(200);
    // Every ledger is fresh, attributed and metered: allocation and completed counts come from the
    // store, and only the minutes of the executions finished after the settled mark are read
    // (CPU, memory, the two per-execution metrics), with the month so far (two).
    expect(tally(calls)).toEqual({ ListJobs: 1, ListTimeSeries: 4 + 2 });
    const savings = overview.rows.map((r) => r.monthlySavingUsd!);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
  });

  it('gives each row the figures of the job’s own report', async () => {
    const { getProjectOverview } = await import('./overview');
    const { loadReportView } = await import('./report-view');
    const overview = await getProjectOverview(view, NOW_MS + 120_000);
    for (const job of ['batch-job-002', 'batch-job-004']) {
      const row = overview.rows.find((r) => r.job === job)!;
      const { report } = await loadReportView({ ...view, job }, NOW_MS + 120_000);
      expect(row.executions).toBe(report.totals.executions);
      expect(row.costUsd).toBeCloseTo(report.totals.costUsd, 9);
      expect(row.wasteUsd).toBeCloseTo(report.totals.wasteUsd, 9);
      expect(row.failureCostUsd).toBeCloseTo(report.totals.failureCostUsd, 9);
      expect(row.monthlySavingUsd).toBeCloseTo(report.totals.monthlySavingUsd, 9);
      expect(row.verdicts.map((v) => v.kind)).toEqual(
        [...report.tiers, report.unclassified]
          .filter((t) => t.executions > 0)
          .map((t) => t.verdict.kind),
      );
    }
  });
});
