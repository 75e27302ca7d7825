import { afterAll, describe, expect, it } from 'vitest';
import { createClients } from '@/lib/gcp/clients';
import { FIXTURE_NOW_MS, REEL_JOB_NAME, fixtureWorld } from './run/fixture-world';
import { startEmulator } from './server';

describe('startEmulator with a clock', () => {
  const later = FIXTURE_NOW_MS + 3 * 3600_000;
  let clockMs = FIXTURE_NOW_MS;
  const world = fixtureWorld();
  const started = startEmulator({ world, port: 0, clock: () => clockMs });

  afterAll(async () => (await started).stop());

  it('moves the world to the clock before each call', async () => {
    const emulator = await started;
    expect(emulator.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const clients = createClients({ emulatorHost: emulator.host });
    try {
      clockMs = later;
      const [operation] = await clients.jobs.runJob({ name: REEL_JOB_NAME });
      const [execution] = await operation.promise();
      expect(Number(execution.createTime?.seconds) * 1000).toBe(later);
      expect(world.now()).toBe(later);
    } finally {
      await clients.close();
    }
  });
});

describe('startEmulator with a call observer', () => {
  const methods: string[] = [];
  const started = startEmulator({ world: fixtureWorld(), onCall: (m) => methods.push(m) });

  afterAll(async () => (await started).stop());

  it('is told of every call received, by full method path', async () => {
    const emulator = await started;
    const clients = createClients({ emulatorHost: emulator.host });
    try {
      await clients.jobs.getJob({ name: REEL_JOB_NAME });
      await expect(clients.jobs.getJob({ name: `${REEL_JOB_NAME}-missing` })).rejects.toThrow();
      expect(methods).toEqual([
        '/google.cloud.run.v2.Jobs/GetJob',
        '/google.cloud.run.v2.Jobs/GetJob',
      ]);
    } finally {
      await clients.close();
    }
  });
});
