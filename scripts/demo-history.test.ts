import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server';
import { createWorld, type Scenario, type SimulatedWorld } from '../emulator/sim';
import { DAY_MS, TEST_NOW_MS, shortScenario } from '../emulator/sim/fixtures';
import { readLedger, readUsage, settledMarkMs } from '../lib/ledger';
import { openStore } from '../lib/store';
import { demoHistorySettings, replayHistory, replayStepMs } from './demo-history';

const HOUR_MS = 3_600_000;

describe('demoHistorySettings', () => {
  const scenario = shortScenario(30);

  it.each([
    [undefined, 30],
    ['', 30],
    ['0', 0],
    ['7', 7],
    ['30', 30],
    // The scenario holds 30 days: a longer wish replays those.
    ['90', 30],
  ])('TIERWISE_DEMO_HISTORY_DAYS=%s replays %i days', (text, days) => {
    expect(demoHistorySettings({ TIERWISE_DEMO_HISTORY_DAYS: text }, scenario).days).toBe(days);
  });

  it.each(['-1', '1.5', 'a month', '401', 'NaN'])('refuses %s, naming the setting', (text) => {
    expect(() => demoHistorySettings({ TIERWISE_DEMO_HISTORY_DAYS: text }, scenario)).toThrow(
      `TIERWISE_DEMO_HISTORY_DAYS must be a whole number of days from 0 to 400 (0 starts with an empty ledger), got "${text}"`,
    );
  });

  it('reads the database and ledger retention the app gets, and names a bad one', () => {
    expect(demoHistorySettings({}, scenario)).toEqual({
      days: 30,
      databaseUrl: 'file:./data/tierwise.db',
      retentionDays: 400,
    });
    expect(() => demoHistorySettings({ DATABASE_URL: 'mysql://x' }, scenario)).toThrow(
      /^DATABASE_URL: expected file:PATH/,
    );
    expect(() => demoHistorySettings({ TIERWISE_LEDGER_RETENTION_DAYS: '0' }, scenario)).toThrow(
      /^TIERWISE_LEDGER_RETENTION_DAYS: /,
    );
  });
});

/** The most executions of one job created within any `spanMs`. */
function busiestSpan(world: SimulatedWorld, spanMs: number): number {
  let most = 0;
  for (const job of world.listJobs()) {
    const created = world.allExecutions(job.id).map((e) => e.createMs);
    for (let newest = 0, oldest = 0; newest < created.length; newest += 1) {
      while (created[oldest]! - created[newest]! > spanMs) oldest += 1;
      most = Math.max(most, oldest - newest + 1);
    }
  }
  return most;
}

describe('replayStepMs', () => {
  it('syncs the default scenario twice a day', () => {
    expect(replayStepMs(shortScenario(30))).toBe(12 * HOUR_MS);
  });

  it('shortens the step when Cloud Run would forget a busy job sooner', () => {
    const busy = shortScenario(3, (s) => ({
      ...s,
      retention: { days: 7, executions: 200 },
      streams: s.streams.map((st) => ({
        ...st,
        arrivals: { ...st.arrivals, perDay: st.arrivals.perDay * 10 },
      })),
    }));
    const stepMs = replayStepMs(busy);
    expect(stepMs).toBeLessThan(2 * HOUR_MS);
    const world = createWorld(busy, { seed: 1, now: TEST_NOW_MS });
    expect(busiestSpan(world, stepMs)).toBeLessThanOrEqual(busy.retention.executions / 4);
    expect(replayStepMs({ ...busy, retention: { days: 0.5, executions: 10_000 } })).toBe(
      3 * HOUR_MS,
    );
  });
});

describe('replayHistory into a fresh ledger, then again on the same database', () => {
  // Cloud Run keeps 100 executions (about 10 hours of reels) here, so a missed step would show.
  const scenario: Scenario = shortScenario(3, (s) => ({
    ...s,
    retention: { days: 1, executions: 100 },
  }));
  let folder: string;
  let databaseUrl: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'tierwise-demo-history-'));
    databaseUrl = `file:${path.join(folder, 'tierwise.db')}`;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function replay(presentMs: number) {
    const world = createWorld(scenario, {
      seed: 4,
      now: presentMs - 3 * DAY_MS,
      windowEndMs: presentMs,
    });
    const emulator = await startEmulator({ world, port: 0, clock: () => world.now() });
    try {
      const summary = await replayHistory({
        world,
        untilMs: presentMs,
        emulatorHost: emulator.host,
        databaseUrl,
        retentionDays: 400,
      });
      return { world, summary };
    } finally {
      await emulator.stop();
    }
  }

  async function stored(world: SimulatedWorld) {
    const store = await openStore(databaseUrl);
    try {
      const byJob = new Map<string, Map<string, string>>();
      const attributed = new Map<string, Set<string>>();
      for (const job of world.listJobs()) {
        const ref = { project: world.project, region: world.region, job: job.id };
        const span = { sinceMs: 0, untilMs: Infinity };
        const { executions } = await readLedger(store, ref, span);
        byJob.set(job.id, new Map(executions.map((e) => [e.id, e.status])));
        attributed.set(job.id, new Set((await readUsage(store, ref, span)).figures.keys()));
      }
      return Object.assign(byJob, { attributed });
    } finally {
      await store.close();
    }
  }

  const statusOf = (e: { completionMs?: number; failedCount: number }) =>
    e.completionMs === undefined ? 'running' : e.failedCount > 0 ? 'failed' : 'succeeded';

  it('stores every execution of the window once, though Cloud Run lists only the last few', async () => {
    const { world, summary } = await replay(TEST_NOW_MS);
    const ledger = await stored(world);
    expect(summary).toMatchObject({
      added: world.allExecutions().length,
      alreadyStored: 0,
      busy: 0,
    });
    expect(world.allExecutions().length).toBeGreaterThan(3 * world.scenario.retention.executions);
    for (const job of world.listJobs()) {
      const expected = world.allExecutions(job.id).map((e) => [e.id, statusOf(e)]);
      expect([...ledger.get(job.id)!].sort()).toEqual(expected.sort());
      // CPU and memory are attributed to every execution finished by the last step's settled mark.
      const settled = world
        .allExecutions(job.id)
        .filter((e) => e.completionMs !== undefined && e.completionMs < settledMarkMs(TEST_NOW_MS));
      expect([...ledger.attributed.get(job.id)!].sort()).toEqual(settled.map((e) => e.id).sort());
    }
  });

  it('adds only what is new when the demo starts again a day later', async () => {
    const before = await stored(createWorld(scenario, { seed: 4, now: TEST_NOW_MS }));
    const beforeCount = [...before.values()].reduce((sum, ids) => sum + ids.size, 0);
    const { world, summary } = await replay(TEST_NOW_MS + DAY_MS);
    const ledger = await stored(world);
    const newer = world.allExecutions().filter((e) => e.createMs > TEST_NOW_MS);
    expect(summary).toMatchObject({ added: newer.length, alreadyStored: beforeCount, busy: 0 });
    for (const job of world.listJobs()) {
      // The older day is kept from the first run; everything in this window is up to date.
      const held = ledger.get(job.id)!;
      expect(held.size).toBe(
        before.get(job.id)!.size + newer.filter((e) => e.jobId === job.id).length,
      );
      for (const e of world.allExecutions(job.id)) expect(held.get(e.id)).toBe(statusOf(e));
    }
  });
});
