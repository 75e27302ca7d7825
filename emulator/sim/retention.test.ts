import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { listExecutions } from '@/lib/gcp/run';
import { startEmulator, type RunningEmulator } from '../server';
import { DAY_MS, REEL_JOB, TEST_NOW_MS, shortScenario } from './fixtures';
import { createWorld, type SimulatedWorld } from './index';

const THUMBNAILS = 'thumbnail-refresh-job';

describe('Cloud Run Admin history retention', () => {
  // "the most recent 1,000 executions of a job …, along with any executions that occurred within
  // the last seven days" — https://cloud.google.com/run/docs/execute/jobs
  it('lists the newest 1,000 executions and every one of the last 7 days, per job', () => {
    const world = createWorld(shortScenario(30), { seed: 3, now: TEST_NOW_MS });
    const weekAgoMs = TEST_NOW_MS - 7 * DAY_MS;
    const reels = world.listExecutions(REEL_JOB);
    const reelsOfTheWeek = world.allExecutions(REEL_JOB).filter((e) => e.createMs >= weekAgoMs);
    // ~210 reels a day: the last 7 days hold more than 1,000, and every one of them is listed.
    expect(reelsOfTheWeek.length).toBeGreaterThan(1000);
    expect(reels).toEqual(reelsOfTheWeek);
    const thumbnails = world.listExecutions(THUMBNAILS);
    // ~30 thumbnails a day: the newest 1,000 reach back past the 7 days.
    expect(thumbnails).toEqual(world.allExecutions(THUMBNAILS).slice(0, 1000));
    expect(thumbnails.filter((e) => e.createMs < weekAgoMs).length).toBeGreaterThan(300);
    expect(world.listExecutions()).toHaveLength(reels.length + thumbnails.length);
  });

  it('forgets executions as the clock moves on, while Monitoring still counts them', () => {
    const scenario = shortScenario(10, (s) => ({ ...s, retention: { days: 2, executions: 1 } }));
    const world = createWorld(scenario, { seed: 3, now: TEST_NOW_MS });
    const oldest = world.listExecutions(REEL_JOB).at(-1)!;
    expect(world.getExecution(REEL_JOB, oldest.id)).toBeDefined();
    world.advanceTo(TEST_NOW_MS + DAY_MS);
    expect(world.getExecution(REEL_JOB, oldest.id)).toBeUndefined();
    expect(
      world.listExecutions(REEL_JOB).every((e) => e.createMs >= world.now() - 2 * DAY_MS),
    ).toBe(true);
    expect(world.groundTruth().executions.some((e) => e.executionId === oldest.id)).toBe(true);
  });
});

describe('retention through the gRPC services', () => {
  let world: SimulatedWorld;
  let emulator: RunningEmulator;
  let clients: GcpClients;
  // Cloud Run's own retention (7 days ∪ 1,000) over 9 days of ~210 reels a day.
  const scenario = shortScenario(9);
  const weekAgoMs = TEST_NOW_MS - 7 * DAY_MS;

  beforeAll(async () => {
    world = createWorld(scenario, { seed: 5, now: TEST_NOW_MS });
    emulator = await startEmulator({ world, port: 0 });
    clients = createClients({ emulatorHost: emulator.host });
  });

  afterAll(async () => {
    await clients.close();
    await emulator.stop();
  });

  it('lists the last 7 days in full through ListExecutions when they hold over 1,000', async () => {
    const place = { project: world.project, region: world.region, job: REEL_JOB };
    const week = world.allExecutions(REEL_JOB).filter((e) => e.createMs >= weekAgoMs);
    expect(week.length).toBeGreaterThan(1000);
    const { items } = await listExecutions(clients, {
      ...place,
      sinceMs: weekAgoMs,
      untilMs: TEST_NOW_MS + 1,
      pageSize: 500,
    });
    expect(items.map((e) => e.id)).toEqual(week.map((e) => e.id));
  });

  it('ListExecutions, GetExecution and ListTasks answer only for kept executions', async () => {
    const parent = `projects/${world.project}/locations/${world.region}/jobs/${REEL_JOB}`;
    const [listed] = await clients.executions.listExecutions({ parent, pageSize: 1000 });
    const kept = world.allExecutions(REEL_JOB).filter((e) => e.createMs >= weekAgoMs);
    expect(listed).toHaveLength(kept.length);
    const [tasks] = await clients.tasks.listTasks({
      parent: `${parent}/executions/${kept[0]!.id}`,
    });
    expect(tasks).toHaveLength(1);
    const forgotten = world.allExecutions(REEL_JOB)[kept.length]!;
    expect(forgotten.createMs).toBeLessThan(weekAgoMs);
    await expect(
      clients.executions.getExecution({ name: `${parent}/executions/${forgotten.id}` }),
    ).rejects.toMatchObject({ code: 5 });
    await expect(
      clients.executions.getExecution({ name: `${parent}/executions/${kept.at(-1)!.id}` }),
    ).resolves.toBeDefined();
  });
});
