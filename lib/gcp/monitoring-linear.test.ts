/** Utilisation in the linear 1 % bucket layout of exported Cloud Run data, read over gRPC. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld } from '@/emulator/sim';
import { createClients, type GcpClients } from './clients';
import { readUtilisation } from './monitoring';

let emulator: RunningEmulator;
let clients: GcpClients;
let project: string;

beforeAll(async () => {
  const world = createWorld(
    shortScenario(1, (s) => ({ ...s, utilisationBuckets: 'linear' })),
    { seed: 2, now: TEST_NOW_MS },
  );
  project = world.project;
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

describe('linear utilisation buckets', () => {
  it('reads 1 % buckets from 0 to 100 % with their counts', async () => {
    const { items, warnings } = await readUtilisation(clients, {
      project,
      job: REEL_JOB,
      startMs: TEST_NOW_MS - 6 * 3_600_000,
      endMs: TEST_NOW_MS,
      resource: 'cpu',
    });
    expect(warnings).toEqual([]);
    const points = items[0]!.points;
    expect(points.length).toBeGreaterThan(30);
    const bounds = points[0]!.bucketBounds;
    expect(bounds).toHaveLength(101);
    expect(bounds[0]).toBe(0);
    expect(bounds[1]).toBeCloseTo(0.01, 12);
    expect(bounds[100]).toBeCloseTo(1, 12);
    for (const p of points) expect(p.bucketCounts.reduce((a, b) => a + b, 0)).toBe(p.count);
  });
});
