/**
 * Settled hours of allocation and completed counts stored at sync: each hour once, equal to what a
 * live hourly read of Monitoring answers; a later sync reads only the hours since the mark and
 * never overwrites a stored hour with the sliver of it inside its own read; a failed read stores
 * nothing and moves no mark; pruning drops hours with the executions.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { readAllocation, readCompletedExecutions } from '@/lib/gcp';
import type { Store } from '@/lib/store';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@/test/support/databases';
import {
  HOUR_MS,
  monitoringView,
  startObservedEmulator,
  startTestProject,
  THUMBNAIL_JOB,
  type TestProject,
} from '@/test/support/ledger-world';
import { HOUR_MS as METER_HOUR_MS, meteredMarkMs, readHours } from './meter';
import { pruneLedger } from './prune';
import { readJobStatus } from './status';
import { syncJob } from './sync';

const RETENTION = { days: 7, executions: 1000 };
const EVERYTHING = { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER };
const DAY_MS = 24 * HOUR_MS;

describe.each(DIALECTS)('storing settled hours at sync on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let project: TestProject;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await database.open();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    project = await startTestProject({ days: 2, retention: RETENTION, seed: 37 });
    for (const table of ['ledger_executions', 'ledger_jobs', 'ledger_usage', 'ledger_hours']) {
      await sql`delete from ${sql.table(table)}`.execute(store.db);
    }
  });
  afterEach(() => project.stop());

  const ref = () => project.ref(THUMBNAIL_JOB);

  /** What Monitoring answers for the job's whole hours in (fromMs, throughMs], read live. */
  async function liveHours(fromMs: number, throughMs: number) {
    const span = { ...ref(), startMs: fromMs, endMs: throughMs, periodSeconds: 3600 };
    const [allocation, completed] = await Promise.all([
      readAllocation(project.clients(), span),
      readCompletedExecutions(project.clients(), span),
    ]);
    const counts = new Map<number, number>();
    for (const series of completed.items.filter((s) => s.job === THUMBNAIL_JOB)) {
      for (const p of series.points) counts.set(p.endMs, (counts.get(p.endMs) ?? 0) + p.value);
    }
    const points = allocation.items.find((s) => s.job === THUMBNAIL_JOB)?.points ?? [];
    return {
      allocation: points.filter((p) => p.endMs > fromMs),
      completed: [...counts]
        .filter(([endMs]) => endMs > fromMs)
        .sort((a, b) => a[0] - b[0])
        .map(([endMs, value]) => ({ startMs: endMs - HOUR_MS, endMs, value })),
    };
  }

  it('stores every settled hour as Monitoring reports it, and the next sync adds the new ones whole', async () => {
    expect(METER_HOUR_MS).toBe(HOUR_MS);
    const nowMs = project.world.now() + 25 * 60_000;
    project.world.advanceTo(nowMs);
    const first = await syncJob(store, project.clients(), ref(), { nowMs });
    const markMs = meteredMarkMs(nowMs);
    expect(markMs % HOUR_MS).toBe(0);
    expect(markMs).toBeLessThanOrEqual(nowMs - 10 * 60_000);
    expect(first).toMatchObject({ metering: { outcome: 'metered', throughMs: markMs } });
    expect((await readJobStatus(store, ref())).meteredThroughMs).toBe(markMs);
    const stored = await readHours(store, ref(), EVERYTHING);
    const floorMs = Math.floor((nowMs - 400 * DAY_MS) / HOUR_MS) * HOUR_MS;
    const live = await liveHours(floorMs, markMs);
    expect(live.completed.length).toBeGreaterThan(30);
    expect(stored?.allocation).toEqual(live.allocation);
    expect(stored?.completed).toEqual(live.completed);
    expect(stored?.fromPartialReadings).toBe(0);

    // Ninety minutes on, the hour in progress at the first sync is whole: stored once, in full.
    const laterMs = nowMs + 90 * 60_000;
    project.world.advanceTo(laterMs);
    {
      const second = await syncJob(store, project.clients(), ref(), { nowMs: laterMs });
      const nextMarkMs = meteredMarkMs(laterMs);
      expect(nextMarkMs).toBeGreaterThan(markMs);
      expect(second).toMatchObject({ metering: { outcome: 'metered', throughMs: nextMarkMs } });
      const after = await readHours(store, ref(), EVERYTHING);
      const whole = await liveHours(floorMs, nextMarkMs);
      expect(after?.allocation).toEqual(whole.allocation);
      expect(after?.completed).toEqual(whole.completed);
      expect(after?.meteredThroughMs).toBe(nextMarkMs);
    }
  });

  it('stores nothing and keeps the mark when Monitoring fails; the next sync reads those hours', async () => {
    const down = await startObservedEmulator(monitoringView(project.world, 'down'), () => {});
    try {
      const nowMs = project.world.now();
      const failed = await syncJob(store, down.clients(), ref(), { nowMs });
      expect(failed).toMatchObject({ outcome: 'synced', metering: { outcome: 'failed' } });
      expect((await readJobStatus(store, ref())).meteredThroughMs).toBeNull();
      expect(await readHours(store, ref(), EVERYTHING)).toBeUndefined();
      const retried = await syncJob(store, project.clients(), ref(), { nowMs });
      expect(retried).toMatchObject({ metering: { outcome: 'metered' } });
      expect((await readHours(store, ref(), EVERYTHING))?.completed.length).toBeGreaterThan(30);
    } finally {
      await down.stop();
    }
  });

  it('prunes hours older than the retention with the executions', async () => {
    const nowMs = project.world.now();
    await syncJob(store, project.clients(), ref(), { nowMs });
    const before = (await readHours(store, ref(), EVERYTHING))!;
    const cutMs = before.completed[Math.floor(before.completed.length / 2)]!.endMs;
    await pruneLedger(store, ref(), cutMs);
    const after = (await readHours(store, ref(), EVERYTHING))!;
    expect(after.completed.length).toBeGreaterThan(0);
    expect(after.completed.every((p) => p.endMs > cutMs)).toBe(true);
    expect(after.completed).toEqual(before.completed.filter((p) => p.endMs > cutMs));
  });
});
