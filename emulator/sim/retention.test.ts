import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { startEmulator, type RunningEmulator } from '../server';
import { DAY_MS, REEL_JOB, TEST_NOW_MS, shortScenario } from './fixtures';
import { createWorld, type SimulatedWorld } from './index';

const THUMBNAILS = 'thumbnail-refresh-job';

describe('Cloud Run Admin history retention', () => {
  it('lists at most 1,000 executions or 7 days per job by default, whichever is fewer', () => {
    const world = createWorld(shortScenario(30), { seed: 3, now: TEST_NOW_MS });
    const reels = world.listExecutions(REEL_JOB);
    // ~210 reels a day: the 1,000 cap is reached before 7 days.
    expect(reels).toHaveLength(1000);
    expect(reels).toEqual(world.allExecutions(REEL_JOB).slice(0, 1000));
    const thumbnails = world.listExecutions(THUMBNAILS);
    // ~30 thumbnails a day: 7 days keep fewer than 1,000.
    expect(thumbnails.length).toBeLessThan(1000);
    expect(Math.min(...thumbnails.map((e) => e.createMs))).toBeGreaterThanOrEqual(
      TEST_NOW_MS - 7 * DAY_MS,
    );
    const olderThumbnails = world
      .allExecutions(THUMBNAILS)
      .filter((e) => e.createMs < TEST_NOW_MS - 7 * DAY_MS);
    expect(olderThumbnails.length).toBeGreaterThan(300);
    expect(world.listExecutions()).toHaveLength(reels.length + thumbnails.length);
  });

  it('forgets executions as the clock moves on, while Monitoring still counts them', () => {
    const scenario = shortScenario(10, (s) => ({ ...s, retention: { days: 2, executions: 5000 } }));
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
  const scenario = shortScenario(5, (s) => ({ ...s, retention: { days: 1, executions: 50 } }));

  beforeAll(async () => {
    world = createWorld(scenario, { seed: 5, now: TEST_NOW_MS });
    emulator = await startEmulator({ world, port: 0 });
    clients = createClients({ emulatorHost: emulator.host });
  });

  afterAll(async () => {
    await clients.close();
    await emulator.stop();
  });

  it('ListExecutions, GetExecution and ListTasks answer only for kept executions', async () => {
    const parent = `projects/${world.project}/locations/${world.region}/jobs/${REEL_JOB}`;
    const [listed] = await clients.executions.listExecutions({ parent, pageSize: 1000 });
    expect(listed).toHaveLength(50);
    const [tasks] = await clients.tasks.listTasks({ parent: `${parent}/executions/-` });
    // Task.execution is the short execution id.
    const listedIds = listed.map((e) => e.name?.split('/').at(-1));
    expect(new Set(tasks.map((t) => t.execution))).toEqual(new Set(listedIds));
    const forgotten = world.allExecutions(REEL_JOB)[50]!;
    await expect(
      clients.executions.getExecution({ name: `${parent}/executions/${forgotten.id}` }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
