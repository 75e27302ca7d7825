import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_MS, shortScenario } from '../emulator/sim/fixtures';
import { createClients, listExecutions } from '../lib/gcp';
import { describeReplay, startDemoProject } from './demo-project';

describe('startDemoProject', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tierwise-demo-project-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const history = (days: number) => ({
    days,
    databaseUrl: `file:${path.join(folder, `${days}.db`)}`,
    retentionDays: 400,
  });

  it.each([0, 1])(
    'with %i day(s) of history, serves the world at the present and then follows the clock',
    async (days) => {
      const beforeMs = Date.now();
      const project = await startDemoProject({
        scenario: shortScenario(2),
        seed: 3,
        history: history(days),
      });
      const clients = createClients({ emulatorHost: project.emulator.host });
      try {
        const { world } = project;
        // The scenario's two days end at the present the project was started at.
        const windowEndMs = world.windowStartMs + 2 * DAY_MS;
        expect(windowEndMs).toBeGreaterThan(beforeMs - 60_000);
        expect(windowEndMs).toBeLessThanOrEqual(Date.now());
        expect(project.replay === undefined).toBe(days === 0);
        if (project.replay) expect(project.replay.added).toBe(world.allExecutions().length);
        const callMs = Date.now();
        const listing = await listExecutions(clients, {
          project: world.project,
          region: world.region,
          job: 'reel-stitching-job',
          sinceMs: 0,
          untilMs: Infinity,
        });
        expect(listing.items.length).toBeGreaterThan(0);
        expect(world.now()).toBeGreaterThanOrEqual(callMs);
      } finally {
        await clients.close();
        await project.emulator.stop();
      }
    },
  );
});

describe('describeReplay', () => {
  const summary = { added: 7344, alreadyStored: 0, busy: 0, durationMs: 13_600 };
  it.each([
    [undefined, 'ledger: no history replayed (TIERWISE_DEMO_HISTORY_DAYS=0)'],
    [summary, 'ledger: 7,344 executions synced over 30 days in 14 s'],
    [
      { ...summary, added: 1, alreadyStored: 7344, busy: 2 },
      'ledger: 1 execution synced over 30 days in 14 s; 7,344 executions already stored; 2 syncs skipped while another process synced the job',
    ],
  ])('%o → %s', (replay, line) => {
    expect(describeReplay(replay, 30)).toBe(line);
  });
});
