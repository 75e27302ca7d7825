/**
 * The project-wide attribution pass over a project of 200 jobs (emulator/scenarios/fleet-200.json)
 * and the real emulator: one read per metric for every job, paged by Google; each job's stored
 * figures those its own sync stores; a failed read or a job held elsewhere freezes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createWorld, loadScenario, type SimulatedWorld } from '@/emulator/sim';
import type { ExecutionAttribution } from '@/lib/domain/attribution';
import type { Store } from '@/lib/store';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@/test/support/databases';
import { monitoringView, startObservedEmulator } from '@/test/support/ledger-world';
import { settledMarkMs } from './attribute';
import { attributeJobs } from './attribute-jobs';
import { acquireLease, releaseLease } from './lease';
import { meteredMarkMs, readHours } from './meter';
import { readJobStatus } from './status';
import { syncJob } from './sync';
import { ledgerDb } from './tables';
import { readUsage } from './usage';

const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const EVERYTHING = { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER };
const SAME_AS_ALONE = ['batch-job-001', 'batch-job-077', 'batch-job-200'];

describe.each(DIALECTS)('attributing every job of a project at once on %s', (dialect) => {
  let world: SimulatedWorld;
  let emulator: Awaited<ReturnType<typeof startObservedEmulator>>;
  let wide: TestDatabase;
  let alone: TestDatabase;
  let store: Store;
  let jobs: string[];
  const calls: string[] = [];
  const listTimeSeries = () => calls.filter((m) => m.endsWith('/ListTimeSeries')).length;

  beforeAll(async () => {
    world = createWorld(loadScenario('emulator/scenarios/fleet-200.json'), {
      seed: 3,
      now: NOW_MS,
    });
    emulator = await startObservedEmulator(world, (method) => void calls.push(method));
    [wide, alone] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    store = await wide.open();
    jobs = world.listJobs().map((job) => job.id);
    const clients = emulator.clients();
    for (const job of jobs) {
      await syncJob(store, clients, place(job), { nowMs: NOW_MS, attribute: false });
    }
  }, 60_000);

  afterAll(async () => {
    await emulator.stop();
    await Promise.all([wide.drop(), alone.drop()]);
  });

  function where() {
    return { project: world.project, region: world.region };
  }

  function place(job: string) {
    return { project: world.project, region: world.region, job };
  }

  async function figuresOf(on: Store, job: string) {
    return readUsage(on, place(job), EVERYTHING);
  }

  async function forgetAttributions() {
    await sql`delete from ledger_usage`.execute(store.db);
    await sql`update ledger_executions set attributed_ms = null`.execute(store.db);
    await sql`update ledger_jobs set attributed_through_ms = null`.execute(store.db);
    await sql`delete from ledger_hours`.execute(store.db);
    await sql`update ledger_jobs set metered_through_ms = null`.execute(store.db);
  }

  const first = new Map<string, ReadonlyMap<string, ExecutionAttribution>>();

  it('reads each metric once for all 200 jobs and attributes every one', async () => {
    expect(jobs).toHaveLength(200);
    calls.length = 0;
    const result = await attributeJobs(store, emulator.clients(), where(), jobs, {
      nowMs: NOW_MS,
    });
    // CPU and memory utilisation, the two per-execution metrics, then vCPU and memory allocation
    // and the completed count by the hour: one page each.
    expect(listTimeSeries()).toBe(7);
    expect(calls).toHaveLength(7);
    expect(result.pages).toBe(7);
    const metering = [...result.metering.values()];
    expect(metering).toHaveLength(200);
    expect(metering.filter((o) => o.outcome !== 'metered')).toEqual([]);
    expect(result.read?.endMs).toBe(settledMarkMs(NOW_MS));
    const outcomes = [...result.jobs.values()];
    expect(outcomes).toHaveLength(200);
    expect(outcomes.filter((o) => o.outcome !== 'attributed')).toEqual([]);
    let attributed = 0;
    for (const job of jobs) {
      const status = await readJobStatus(store, place(job));
      expect(status).toMatchObject({
        phase: 'idle',
        attributedThroughMs: settledMarkMs(NOW_MS),
        meteredThroughMs: meteredMarkMs(NOW_MS),
      });
      const { figures } = await figuresOf(store, job);
      const outcome = result.jobs.get(job);
      expect(outcome).toMatchObject({ outcome: 'attributed', executions: figures.size });
      first.set(job, figures);
      attributed += figures.size;
    }
    expect(attributed).toBeGreaterThan(4000);
    // Sources come from the series: not everything is "missing".
    const sources = [...first.values()].flatMap((f) => [...f.values()].map((a) => a.cpuSource));
    expect(sources.filter((s) => s !== 'missing').length).toBeGreaterThan(attributed / 2);
  });

  it('stores for each job the figures its own sync stores', async () => {
    const own = await alone.open();
    try {
      for (const job of SAME_AS_ALONE) {
        const result = await syncJob(own, emulator.clients(), place(job), { nowMs: NOW_MS });
        expect(result).toMatchObject({ attribution: { outcome: 'attributed' } });
        const [byItself, together] = await Promise.all([
          figuresOf(own, job),
          figuresOf(store, job),
        ]);
        expect(together.figures.size).toBeGreaterThan(0);
        expect(together.figures).toEqual(byItself.figures);
        expect(together.fromPartialReadings).toBe(byItself.fromPartialReadings);
        const hours = await readHours(store, place(job), EVERYTHING);
        expect(hours?.completed.length).toBeGreaterThan(0);
        expect(hours).toEqual(await readHours(own, place(job), EVERYTHING));
      }
    } finally {
      await own.close();
    }
  });

  it('reads every page when the answer is paged, and skips a job another instance holds', async () => {
    await forgetAttributions();
    const held = await acquireLease(store, place('batch-job-042'));
    expect(held).toBeDefined();
    try {
      calls.length = 0;
      const result = await attributeJobs(store, emulator.clients(), where(), jobs, {
        nowMs: NOW_MS,
        pointsPerPage: 500,
      });
      // Many pages for CPU and memory; the per-execution metrics hold fewer points.
      expect(result.pages).toBeGreaterThan(10);
      expect(listTimeSeries()).toBe(result.pages);
      expect(result.jobs.get('batch-job-042')).toEqual({ outcome: 'busy' });
      expect((await figuresOf(store, 'batch-job-042')).figures.size).toBe(0);
      expect((await readJobStatus(store, place('batch-job-042'))).attributedThroughMs).toBeNull();
      for (const job of jobs.filter((j) => j !== 'batch-job-042')) {
        expect((await figuresOf(store, job)).figures).toEqual(first.get(job));
      }
    } finally {
      await releaseLease(ledgerDb(store), held!, {
        phase: 'idle',
        highWaterMs: null,
        syncedMs: NOW_MS,
      });
    }
  });

  it('stores nothing and moves no mark when Monitoring fails', async () => {
    await forgetAttributions();
    const down = await startObservedEmulator(monitoringView(world, 'down'), () => {});
    try {
      const result = await attributeJobs(store, down.clients(), where(), jobs, {
        nowMs: NOW_MS,
      });
      for (const job of jobs) {
        const outcome = result.jobs.get(job);
        expect(outcome).toMatchObject({ outcome: 'failed', pending: first.get(job)!.size });
        if (outcome?.outcome === 'failed')
          expect(outcome.error).toMatch(/Monitoring is unavailable/);
      }
      const [usage] = await sql<{ n: number }>`select count(*) as n from ledger_usage`
        .execute(store.db)
        .then((r) => r.rows);
      expect(Number(usage?.n)).toBe(0);
      const [hours] = await sql<{ n: number }>`select count(*) as n from ledger_hours`
        .execute(store.db)
        .then((r) => r.rows);
      expect(Number(hours?.n)).toBe(0);
      expect(result.metering.get('batch-job-001')).toMatchObject({ outcome: 'failed' });
      const status = await readJobStatus(store, place('batch-job-001'));
      // Nothing frozen, and the lease was given back.
      expect(status).toMatchObject({
        phase: 'idle',
        attributedThroughMs: null,
        meteredThroughMs: null,
      });
    } finally {
      await down.stop();
    }
  });
});
