/**
 * CPU and memory attributed at sync: every execution finished by the settled mark once, none
 * newer; a Monitoring failure stores the executions but freezes no minutes, and the next sync
 * attributes them; executions without minute data stay "missing".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ExecutionRecord } from '@/lib/domain/records';
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
import { settledMarkMs, SETTLE_MARGIN_MS } from './attribute';
import { readLedger, readUnattributed } from './read';
import { readJobStatus } from './status';
import { syncJob } from './sync';
import { readUsage } from './usage';

const RETENTION = { days: 7, executions: 1000 };
const EVERYTHING = { sinceMs: 0, untilMs: Number.MAX_SAFE_INTEGER };

const finishedBy = (markMs: number) => (e: ExecutionRecord) =>
  e.status !== 'running' && (e.completionMs ?? e.createMs) < markMs;

describe.each(DIALECTS)('attributing CPU and memory at sync on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let project: TestProject;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await database.open();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    project = await startTestProject({ days: 2, retention: RETENTION, seed: 31 });
    await sql`delete from ledger_executions`.execute(store.db);
    await sql`delete from ledger_jobs`.execute(store.db);
    await sql`delete from ledger_usage`.execute(store.db);
  });
  afterEach(() => project.stop());

  const ref = () => project.ref(THUMBNAIL_JOB);
  const stored = async () => ({
    executions: (await readLedger(store, ref(), EVERYTHING)).executions,
    usage: (await readUsage(store, ref(), EVERYTHING)).figures,
  });

  it('attributes every execution finished before the settled mark, and those straddling it at the next sync', async () => {
    project.world.runJob(THUMBNAIL_JOB);
    project.world.advanceTo(project.world.now() + 4 * 60_000);
    const nowMs = project.world.now();
    const first = await syncJob(store, project.clients(), ref(), { nowMs });
    const markMs = settledMarkMs(nowMs);
    expect(markMs).toBeLessThanOrEqual(nowMs - SETTLE_MARGIN_MS);
    expect(first).toMatchObject({
      outcome: 'synced',
      attribution: { outcome: 'attributed', throughMs: markMs },
    });
    const { executions, usage } = await stored();
    const settled = executions.filter(finishedBy(markMs)).map((e) => e.id);
    expect(settled.length).toBeGreaterThan(40);
    expect([...usage.keys()].sort()).toEqual([...settled].sort());
    // The execution started just now is still running: its minutes are not settled.
    const recent = executions.filter((e) => !finishedBy(markMs)(e));
    expect(recent.length).toBeGreaterThan(0);
    // A report reads live only the finished executions without figures (straddling the mark).
    const unread = (await readUnattributed(store, ref(), EVERYTHING)).map((e) => e.id);
    expect(unread.sort()).toEqual(
      recent
        .filter((e) => e.status !== 'running')
        .map((e) => e.id)
        .sort(),
    );
    expect(unread.length).toBeGreaterThan(0);
    expect((await readJobStatus(store, ref())).attributedThroughMs).toBe(markMs);

    project.world.advanceTo(nowMs + HOUR_MS);
    const second = await syncJob(store, project.clients(), ref(), { nowMs: nowMs + HOUR_MS });
    const nextMarkMs = settledMarkMs(nowMs + HOUR_MS);
    const after = await stored();
    for (const e of recent) expect(after.usage.has(e.id)).toBe(true);
    expect(after.usage.size).toBe(after.executions.filter(finishedBy(nextMarkMs)).length);
    expect(second).toMatchObject({
      attribution: { outcome: 'attributed', executions: after.usage.size - usage.size },
    });
    // Figures already stored are never read again.
    for (const [id, figures] of usage) expect(after.usage.get(id)).toEqual(figures);
  });

  it('stores the executions but no figures when Monitoring fails, and attributes them next time', async () => {
    const down = await startObservedEmulator(monitoringView(project.world, 'down'), () => {});
    try {
      const nowMs = project.world.now();
      const failed = await syncJob(store, down.clients(), ref(), { nowMs });
      expect(failed).toMatchObject({ outcome: 'synced', attribution: { outcome: 'failed' } });
      if (failed.outcome !== 'synced' || failed.attribution?.outcome !== 'failed') return;
      expect(failed.attribution.error).toMatch(/Monitoring is unavailable/);
      const { executions, usage } = await stored();
      expect(executions.length).toBe(project.world.listExecutions(THUMBNAIL_JOB).length);
      expect(failed.attribution.pending).toBe(
        executions.filter(finishedBy(settledMarkMs(nowMs))).length,
      );
      expect(usage.size).toBe(0);
      // What a report must read live: every finished execution.
      const unread = async () =>
        (await readUnattributed(store, ref(), EVERYTHING)).map((e) => e.id).sort();
      const finished = executions.filter((e) => e.status !== 'running');
      expect(await unread()).toEqual(finished.map((e) => e.id).sort());
      const status = await readJobStatus(store, ref());
      expect(status).toMatchObject({ phase: 'idle', attributedThroughMs: null });

      const retried = await syncJob(store, project.clients(), ref(), { nowMs });
      expect(retried).toMatchObject({
        outcome: 'synced',
        written: 0,
        attribution: { outcome: 'attributed', executions: failed.attribution.pending },
      });
      const after = await stored();
      expect(after.usage.size).toBe(failed.attribution.pending);
      // Once attributed, only the finished executions without figures are left to read live.
      expect(await unread()).toEqual(
        finished
          .filter((e) => !after.usage.has(e.id))
          .map((e) => e.id)
          .sort(),
      );
      expect((await unread()).length).toBeLessThan(finished.length);
    } finally {
      await down.stop();
    }
  });

  it('attributes past a value Google sent unusable, and notes it on the figures', async () => {
    const bad = await startObservedEmulator(
      monitoringView(project.world, 'bad-memory-minute'),
      () => {},
    );
    try {
      const result = await syncJob(store, bad.clients(), ref(), { nowMs: project.world.now() });
      expect(result).toMatchObject({ attribution: { outcome: 'attributed' } });
      if (result.outcome !== 'synced' || result.attribution?.outcome !== 'attributed') return;
      expect(result.attribution.unusableValues).toBeGreaterThan(0);
      const usage = await readUsage(store, ref(), EVERYTHING);
      expect(usage.figures.size).toBe(result.attribution.executions);
      expect(usage.fromPartialReadings).toBe(usage.figures.size);
    } finally {
      await bad.stop();
    }
  });

  it('keeps executions with no minute data "missing"', async () => {
    const empty = await startObservedEmulator(
      monitoringView(project.world, 'no-utilisation'),
      () => {},
    );
    try {
      await syncJob(store, empty.clients(), ref(), { nowMs: project.world.now() });
      const { usage } = await stored();
      expect(usage.size).toBeGreaterThan(40);
      for (const figures of usage.values()) {
        expect(figures).toEqual({
          cpuUtilisation: undefined,
          cpuSource: 'missing',
          peakMemoryFraction: undefined,
          peakMemoryBytes: undefined,
          memorySource: 'missing',
        });
      }
    } finally {
      await empty.stop();
    }
  });
});
