/**
 * Utilisation read over gRPC: in the linear 1 % bucket layout of exported Cloud Run data, and
 * aligned with ALIGN_SUM so that minutes without samples stay empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld, type SimulatedWorld } from '@/emulator/sim';
import { createClients, type GcpClients } from './clients';
import { readUtilisation } from './monitoring';
import { alignment, jobFilter, RUN_METRIC } from './monitoring-query';
import { protoTimestamp } from './mappers/proto-values';

let emulator: RunningEmulator;
let clients: GcpClients;
let project: string;
let world: SimulatedWorld;

beforeAll(async () => {
  world = createWorld(
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

describe('utilisation aligned with ALIGN_SUM', () => {
  const THUMBNAILS = 'thumbnail-refresh-job';
  const window = { startMs: TEST_NOW_MS - 6 * 3_600_000, endMs: TEST_NOW_MS };

  it('has points only for minutes with samples, where ALIGN_DELTA would interpolate', async () => {
    const { items } = await readUtilisation(clients, {
      project,
      job: THUMBNAILS,
      ...window,
      resource: 'memory',
    });
    const summed = items[0]!.points;
    const sampled = world
      .timeSeries(RUN_METRIC.memoryUtilisation)
      .filter((series) => series.resourceLabels.job_name === THUMBNAILS)
      .flatMap((series) => series.points)
      .filter((p) => p.endMs > window.startMs && p.endMs <= window.endMs);
    expect(summed.map((p) => p.endMs)).toEqual(sampled.map((p) => p.endMs));
    const [delta] = await clients.metrics.listTimeSeries({
      name: `projects/${project}`,
      filter: jobFilter(RUN_METRIC.memoryUtilisation, { project, job: THUMBNAILS }),
      interval: {
        startTime: protoTimestamp(window.startMs),
        endTime: protoTimestamp(window.endMs),
      },
      aggregation: alignment(60, 'ALIGN_DELTA'),
    });
    // Thumbnails run a few times an hour: ALIGN_DELTA fills the idle minutes between runs.
    expect(delta[0]!.points!.length).toBeGreaterThan(summed.length * 2);
  });
});
