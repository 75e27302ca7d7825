import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Store } from '@/lib/store';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { acquireLease } from './lease';
import { readLedger } from './read';
import { readJobStatus } from './status';
import { syncJob } from './sync';
import { HOUR_MS, startTestProject, type TestProject } from '@/test/support/ledger-world';

const RETENTION = { days: 2, executions: 1000 };

describe.each(DIALECTS)('syncing a job into the ledger on %s', (dialect) => {
  let store: Store;
  let project: TestProject;

  const database = databaseForTests(dialect, async (database) => {
    store = await database.open();
  });

  beforeEach(async () => {
    project = await startTestProject({ days: 4, retention: RETENTION });
    await sql`delete from ledger_executions`.execute(store.db);
    await sql`delete from ledger_jobs`.execute(store.db);
    await sql`delete from ledger_usage`.execute(store.db);
  });
  afterEach(() => project.stop());

  const sync = (options: Partial<Parameters<typeof syncJob>[3]> = {}, on = store) =>
    syncJob(on, project.clients(), project.ref(), { nowMs: project.world.now(), ...options });
  const storedIds = async () =>
    (
      await readLedger(store, project.ref(), { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER })
    ).executions
      .map((e) => e.id)
      .sort();
  const listedIds = () =>
    project.world
      .listExecutions(project.ref().job)
      .map((e) => e.id)
      .sort();

  it('stores every listed execution with its limits, payload and task results, once', async () => {
    const first = await sync();
    expect(first).toMatchObject({ outcome: 'synced', listed: listedIds().length });
    expect(await storedIds()).toEqual(listedIds());
    const history = await readLedger(store, project.ref(), {
      sinceMs: 0,
      untilMs: Number.MAX_SAFE_INTEGER,
    });
    const done = history.executions.find((e) => e.status === 'succeeded')!;
    expect(done.limits).toMatchObject({ vcpu: 2, memoryBytes: 4 * 2 ** 30 });
    expect(done.payload.state).toBe('ok');
    expect(history.tasks.filter((t) => t.execution === done.fullName)).toHaveLength(done.taskCount);
    expect(history.withoutTasks).toBe(0);

    const again = await sync();
    expect(again).toMatchObject({ outcome: 'synced', written: 0, listingPages: 1 });
    expect(await storedIds()).toEqual(listedIds());
    expect((await readJobStatus(store, project.ref())).phase).toBe('idle');
  });

  it('writes only new executions and the ones that were still running, now finished', async () => {
    project.world.runJob(project.ref().job);
    await sync();
    const before = await readLedger(store, project.ref(), {
      sinceMs: 0,
      untilMs: Number.MAX_SAFE_INTEGER,
    });
    const wasRunning = before.executions.filter((e) => e.status === 'running').map((e) => e.id);
    expect(wasRunning.length).toBeGreaterThan(0);
    const known = new Set(before.executions.map((e) => e.id));

    project.world.advanceTo(project.world.now() + 3 * HOUR_MS);
    const created = listedIds().filter((id) => !known.has(id));
    const result = await sync();
    expect(result).toMatchObject({
      outcome: 'synced',
      written: created.length + wasRunning.length,
    });

    const after = await readLedger(store, project.ref(), {
      sinceMs: 0,
      untilMs: Number.MAX_SAFE_INTEGER,
    });
    const byId = new Map(after.executions.map((e) => [e.id, e]));
    for (const id of wasRunning) expect(byId.get(id)?.status).not.toBe('running');
    // Executions Cloud Run forgot in the meantime stay in the ledger.
    expect(after.executions.length).toBe(known.size + created.length);
  });

  it('resumes a sync that died after two batches and ends with the same ledger', async () => {
    const crash = new Error('killed');
    await expect(
      sync({
        batchSize: 50,
        afterBatch: (n) => {
          if (n === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const halfway = await readJobStatus(store, project.ref());
    expect(halfway).toMatchObject({ phase: 'failed', rowsSynced: 100, executionsStored: 100 });

    const resumed = await sync({ batchSize: 50 });
    expect(resumed).toMatchObject({ outcome: 'synced', written: listedIds().length - 100 });
    expect(await storedIds()).toEqual(listedIds());
    expect((await readJobStatus(store, project.ref())).rowsSynced).toBe(listedIds().length - 100);
  });

  it('leaves a job alone while another instance holds its lease, until the lease expires', async () => {
    const clock = manualClock();
    const other = await database.open(clock.now);
    const held = await acquireLease(other, project.ref(), 120);
    expect(held).toBeDefined();
    const busy = await sync({}, other);
    expect(busy).toMatchObject({ outcome: 'busy', status: { phase: 'syncing' } });
    clock.advance(121_000);
    expect(await sync({}, other)).toMatchObject({ outcome: 'synced' });
  });

  it('keeps only the ledger retention, pruning in batches', async () => {
    await sync();
    const result = await sync({ retentionDays: 1 });
    const oldest = Math.min(
      ...(
        await readLedger(store, project.ref(), { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER })
      ).executions.map((e) => e.createMs),
    );
    expect(result.outcome === 'synced' && result.pruned).toBeGreaterThan(100);
    expect(oldest).toBeGreaterThanOrEqual(project.world.now() - 86_400_000);
  });
});

describe.each(DIALECTS)('concurrent syncs on %s', (dialect) => {
  let stores: Store[];
  let project: TestProject;

  databaseForTests(dialect, async (database) => {
    stores = await Promise.all([0, 1, 2, 3].map(() => database.open()));
    project = await startTestProject({ days: 4, retention: RETENTION, seed: 12 });
  });
  afterAll(() => project.stop());

  const countRows = async () => {
    const { rows } = await sql<{ n: number | string; distinct_ids: number | string }>`
      select count(*) as n, count(distinct id) as distinct_ids from ledger_executions`.execute(
      stores[0]!.db,
    );
    return { n: Number(rows[0]!.n), distinct: Number(rows[0]!.distinct_ids) };
  };

  it('four instances syncing at once store each execution exactly once', async () => {
    const outcomes = await Promise.all(
      stores.map((s) =>
        syncJob(s, project.clients(), project.ref(), { nowMs: project.world.now(), batchSize: 40 }),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === 'synced').length).toBeGreaterThanOrEqual(1);
    const listed = project.world.listExecutions(project.ref().job).length;
    expect(await countRows()).toEqual({ n: listed, distinct: listed });
  });

  it('instances that all hold the lease at once (it expired) still write no duplicates', async () => {
    project.world.advanceTo(project.world.now() + 6 * HOUR_MS);
    // A lease of 0 s is expired at once, so every instance takes over and they really overlap.
    const outcomes = await Promise.allSettled(
      stores.map((s) =>
        syncJob(s, project.clients(), project.ref(), {
          nowMs: project.world.now(),
          batchSize: 20,
          leaseSeconds: 0,
        }),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({ name: 'LedgerLeaseLostError' });
    }
    await syncJob(stores[0]!, project.clients(), project.ref(), { nowMs: project.world.now() });
    const ids = new Set(
      project.world
        .allExecutions(project.ref().job)
        .filter((e) => e.createMs >= project.world.now() - 10 * 86_400_000)
        .map((e) => e.id),
    );
    const rows = await countRows();
    expect(rows.n).toBe(rows.distinct);
    const stored = await readLedger(stores[1]!, project.ref(), {
      sinceMs: 0,
      untilMs: Number.MAX_SAFE_INTEGER,
    });
    expect(stored.executions.every((e) => ids.has(e.id))).toBe(true);
    for (const e of project.world.listExecutions(project.ref().job)) {
      const held = stored.executions.find((s) => s.id === e.id);
      expect(held?.status === 'running').toBe(e.completionMs === undefined);
    }
  });
});
