/**
 * Reports built from the CPU and memory the ledger attributed at sync: the same figures as a report
 * that reads every minute live, for a handful of Google calls whatever the window.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { readJobStatus, readLedger, readUsage, syncJob } from '@/lib/ledger';
import type { Store } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import {
  HOUR_MS,
  monitoringView,
  REEL_JOB,
  startObservedEmulator,
  startTestProject,
  THUMBNAIL_JOB,
  WORLD_NOW_MS,
  type TestProject,
} from '@/test/support/ledger-world';
import { getJob } from '@/lib/gcp';
import { getJobReport } from './report';
import { sameFiguresBesideBilling } from '@/test/support/same-figures';

const DAY_MS = 86_400_000;
const book = findPriceBook('jobs-tier1') as PriceBook;
// Cloud Run keeps the whole month here, so the live listing sees what the ledger holds.
const RETENTION = { days: 60, executions: 100_000 };

describe('a report from stored attribution', () => {
  let database: TestDatabase;
  let store: Store;
  let project: TestProject;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
    const startMs = WORLD_NOW_MS - 20 * DAY_MS;
    project = await startTestProject({ days: 10, retention: RETENTION, nowMs: startMs, seed: 41 });
    // As the demo gathers history: a sync every 12 hours, each attributing what has settled.
    for (let atMs = startMs; atMs <= WORLD_NOW_MS; atMs += 12 * HOUR_MS) {
      project.world.advanceTo(atMs);
      for (const job of [REEL_JOB, THUMBNAIL_JOB]) {
        await syncJob(store, project.clients(), project.ref(job), { nowMs: atMs });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await project.stop();
    await database.drop();
  });

  const request = (job: string, days: number) => ({
    clients: project.clients(),
    project: project.world.project,
    region: project.world.region,
    job,
    days,
    policy: DEFAULT_TIER_POLICY,
    priceBook: book,
    objective: 'cost' as const,
    now: WORLD_NOW_MS,
  });

  it.each([REEL_JOB, THUMBNAIL_JOB])(
    'for %s equals the report that reads every minute live, tier by tier',
    async (job) => {
      const stored = await getJobReport({ ...request(job, 30), ledger: { store } });
      const live = await getJobReport({ ...request(job, 30), ledger: false });
      const { report } = stored;
      expect(report.totals.executions).toBeGreaterThan(300);
      expect(report.tiers).toEqual(live.report.tiers);
      expect(report.unclassified).toEqual(live.report.unclassified);
      expect(sameFiguresBesideBilling(report)).toEqual(sameFiguresBesideBilling(live.report));
      expect(report.reconciliation.status).toBe(live.report.reconciliation.status);
      expect(report.reconciliation.comparedUntilMs).toBe(stored.ledger?.meteredThroughMs);
      const ambiguous = report.tiers.reduce((n, t) => n + t.attribution.memory.counts.ambiguous, 0);
      const sliced = report.tiers.reduce((n, t) => n + t.attribution.memory.counts.sliced, 0);
      if (job === REEL_JOB) expect(ambiguous).toBeGreaterThan(0);
      expect(sliced).toBeGreaterThan(0);
      // Only the minutes after the ledger's marks were read live: a few minutes, not a month.
      expect(stored.callsByMethod['monitoring.ListTimeSeries'] ?? 0).toBeLessThanOrEqual(
        live.callsByMethod['monitoring.ListTimeSeries'] ?? 0,
      );
    },
    60_000,
  );

  it('of a job synced just now asks Google the same few calls whatever the window', async () => {
    const methods: string[] = [];
    const observed = await startObservedEmulator(project.emulator.world, (m) => methods.push(m));
    const countCalls = async (window: { days: number } | { startMs: number; endMs: number }) => {
      methods.length = 0;
      const choices: Partial<ReturnType<typeof request>> = request(THUMBNAIL_JOB, 1);
      delete choices.days;
      await getJobReport({
        ...(choices as Omit<ReturnType<typeof request>, 'days'>),
        ...window,
        clients: observed.clients(),
        ledger: { store, freshnessSeconds: 3600 },
      });
      const counts: Record<string, number> = {};
      for (const m of methods) counts[m] = (counts[m] ?? 0) + 1;
      return counts;
    };
    try {
      const ref = project.ref(THUMBNAIL_JOB);
      const everything = { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER };
      const { executions } = await readLedger(store, ref, everything);
      const usage = (await readUsage(store, ref, everything)).figures;
      const { attributedThroughMs } = await readJobStatus(store, ref);
      // Executions finished in the last minutes, after the settled mark, are read live.
      const tail = executions.filter((e) => e.status !== 'running' && !usage.has(e.id));
      expect(tail.length).toBeGreaterThan(0);
      const withTail = {
        '/google.cloud.run.v2.Jobs/GetJob': 1,
        // CPU and memory for the executions after the settled mark; the job logs no usage of its
        // own (no stored figure is exact), so its per-execution metrics are not asked for.
        // Allocation and the completed count come from the hours the ledger stored.
        '/google.monitoring.v3.MetricService/ListTimeSeries': 2,
      };
      for (const days of [1, 30, 90]) expect(await countCalls({ days })).toEqual(withTail);
      // A window whose every execution is attributed and whose hours are stored reads nothing
      // from Monitoring at all.
      const endMs = (attributedThroughMs ?? 0) - HOUR_MS;
      expect(await countCalls({ startMs: endMs - 30 * DAY_MS, endMs })).toEqual({
        '/google.cloud.run.v2.Jobs/GetJob': 1,
      });
    } finally {
      await observed.stop();
    }
  });
});

describe.each(['tiered', 'hard-cpu-overhead', 'two-regions'])(
  'stored attribution of the %s scenario',
  (name) => {
    let database: TestDatabase;
    let store: Store;
    let project: TestProject;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      store = await database.open();
      const scenarioPath = fileURLToPath(
        new URL(`../../emulator/scenarios/${name}.json`, import.meta.url),
      );
      const startMs = WORLD_NOW_MS - 4 * DAY_MS;
      project = await startTestProject({
        days: 4,
        retention: RETENTION,
        nowMs: startMs,
        seed: 43,
        scenarioPath,
      });
      for (let atMs = startMs; atMs <= WORLD_NOW_MS; atMs += 12 * HOUR_MS) {
        project.world.advanceTo(atMs);
        for (const job of project.world.listJobs()) {
          await syncJob(store, project.clients(), project.ref(job.id), { nowMs: atMs });
        }
      }
    }, 120_000);
    afterAll(async () => {
      await project.stop();
      await database.drop();
    });

    it('gives every job the report read live', async () => {
      for (const job of project.world.listJobs()) {
        const request = {
          clients: project.clients(),
          project: project.world.project,
          region: project.world.region,
          job: job.id,
          days: 7,
          policy: DEFAULT_TIER_POLICY,
          priceBook: book,
          objective: 'cost' as const,
          now: WORLD_NOW_MS,
        };
        const stored = await getJobReport({ ...request, ledger: { store } });
        const live = await getJobReport({ ...request, ledger: false });
        expect(stored.report.totals.executions).toBeGreaterThan(0);
        expect(sameFiguresBesideBilling(stored.report)).toEqual(
          sameFiguresBesideBilling(live.report),
        );
        expect(stored.report.reconciliation.status).toBe(live.report.reconciliation.status);
      }
    }, 60_000);
  },
);

describe('stored attribution read from a reading with unusable values', () => {
  it('says so in the report that uses it', async () => {
    const database = await createTestDatabase('sqlite');
    const project = await startTestProject({ days: 2, retention: RETENTION, seed: 44 });
    const bad = await startObservedEmulator(
      monitoringView(project.world, 'bad-memory-minute'),
      () => {},
    );
    try {
      const store = await database.open();
      const ref = project.ref(THUMBNAIL_JOB);
      await syncJob(store, bad.clients(), ref, { nowMs: project.world.now() });
      const { report } = await getJobReport({
        clients: project.clients(),
        ...ref,
        days: 7,
        policy: DEFAULT_TIER_POLICY,
        priceBook: book,
        objective: 'cost',
        now: project.world.now(),
        ledger: { store, freshnessSeconds: 3600 },
      });
      const badData = report.warnings.find((w) => w.kind === 'bad-data');
      expect(badData?.text).toMatch(/attributed at sync from Monitoring readings/);
    } finally {
      await bad.stop();
      await project.stop();
      await database.drop();
    }
  });
});

describe('a report from the hours the ledger stored', () => {
  let database: TestDatabase;
  let store: Store;
  let project: TestProject;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
    project = await startTestProject({ days: 3, retention: RETENTION, seed: 45 });
    await syncJob(store, project.clients(), project.ref(REEL_JOB), { nowMs: project.world.now() });
  }, 60_000);
  afterAll(async () => {
    await project.stop();
    await database.drop();
  });

  async function report(observe?: (method: string) => void) {
    const observed = await startObservedEmulator(project.emulator.world, observe ?? (() => {}));
    try {
      return await getJobReport({
        clients: observed.clients(),
        ...project.ref(REEL_JOB),
        days: 2,
        policy: DEFAULT_TIER_POLICY,
        priceBook: book,
        objective: 'cost',
        now: project.world.now(),
        ledger: { store, freshnessSeconds: 3600 },
      });
    } finally {
      await observed.stop();
    }
  }

  it('builds from the job its page already read, counting that read as its own', async () => {
    const ref = project.ref(REEL_JOB);
    const knownJob = await getJob(project.clients(), ref);
    const methods: string[] = [];
    const observed = await startObservedEmulator(project.emulator.world, (m) => methods.push(m));
    try {
      const result = await getJobReport({
        clients: observed.clients(),
        ...ref,
        days: 2,
        policy: DEFAULT_TIER_POLICY,
        priceBook: book,
        objective: 'cost',
        now: project.world.now(),
        ledger: { store, freshnessSeconds: 3600 },
        knownJob,
      });
      expect(methods.some((m) => m.endsWith('/GetJob'))).toBe(false);
      expect(result.job).toEqual(knownJob);
      expect(result.callsByMethod['run.GetJob']).toBe(1);
      expect(result.googleApiCalls).toBe(methods.length + 1);
    } finally {
      await observed.stop();
    }
  });

  it('compares billing and counts only up to an older mark when the last hourly reads failed', async () => {
    const ref = project.ref(REEL_JOB);
    const { meteredThroughMs } = await readJobStatus(store, ref);
    expect(meteredThroughMs).not.toBeNull();
    // As after five hours of failed hourly reads: the mark and the stored hours end earlier.
    const lagMs = meteredThroughMs! - 5 * HOUR_MS;
    await store.db
      .withTables<{
        ledger_hours: { end_ms: number };
        ledger_jobs: { metered_through_ms: number };
      }>()
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('ledger_hours').where('end_ms', '>', lagMs).execute();
        await trx.updateTable('ledger_jobs').set({ metered_through_ms: lagMs }).execute();
      });
    const methods: string[] = [];
    const { report: built } = await report((m) => methods.push(m));
    expect(methods.filter((m) => m.endsWith('/ListTimeSeries')).length).toBeLessThanOrEqual(2);
    expect(built.reconciliation.comparedUntilMs).toBe(lagMs);
    expect(built.reconciliation.status).not.toBe('no-metered-data');
    expect(built.gaps?.comparedUntilMs).toBeLessThanOrEqual(lagMs);
  });

  it('reads allocation and counts live from a ledger that holds no hours', async () => {
    await store.db
      .withTables<{ ledger_hours: { end_ms: number }; ledger_jobs: { metered_through_ms: null } }>()
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('ledger_hours').execute();
        await trx.updateTable('ledger_jobs').set({ metered_through_ms: null }).execute();
      });
    const methods: string[] = [];
    const { report: built } = await report((m) => methods.push(m));
    // vCPU and memory allocation and the completed count, read live over the window.
    expect(methods.filter((m) => m.endsWith('/ListTimeSeries')).length).toBeGreaterThanOrEqual(3);
    expect(built.reconciliation.comparedUntilMs).toBe(built.inputs.window.endMs);
    expect(built.reconciliation.meteredUsd).toBeGreaterThan(0);
  });
});
