/**
 * One job name in three places served by one emulator: UpdateJob (which names its place only in
 * `job.name`) changes the job of the place it names, and no same-named job elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld } from '@/emulator/sim';
import { createClients, type GcpClients } from './clients';
import { getJob, updateJobLimits } from './run';

const PLACES = [
  { project: 'tierwise-home', region: 'us-central1' },
  { project: 'tierwise-home', region: 'europe-west1' },
  { project: 'tierwise-other', region: 'us-central1' },
] as const;

let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  const [home, ...others] = PLACES.map((place, seed) =>
    createWorld(
      shortScenario(1, (s) => ({ ...s, ...place })),
      { seed, now: TEST_NOW_MS },
    ),
  );
  emulator = await startEmulator({ world: home!, otherPlaces: others, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

const read = (index: number) => getJob(clients, { ...PLACES[index]!, job: REEL_JOB });

describe('UpdateJob in one of several places', () => {
  it.each([1, 2])('changes only the job of place %i', async (target) => {
    const before = await Promise.all(PLACES.map((_, index) => read(index)));
    const job = before[target]!;
    const memoryBytes = job.memoryBytes === 2 ** 30 ? 2 * 2 ** 30 : 2 ** 30;
    await updateJobLimits(clients, {
      ...PLACES[target]!,
      job: REEL_JOB,
      limits: { ...limitsOf(job), memoryBytes },
      etag: job.etag,
      validateOnly: false,
    });
    const after = await Promise.all(PLACES.map((_, index) => read(index)));
    after.forEach((each, index) => {
      if (index === target) expect(each.memoryBytes).toBe(memoryBytes);
      else expect(each.etag).toBe(before[index]!.etag);
    });
  });
});

function limitsOf(job: Awaited<ReturnType<typeof read>>) {
  return {
    vcpu: job.vcpu,
    memoryBytes: job.memoryBytes,
    timeoutSeconds: job.timeoutSeconds,
    maxRetries: job.maxRetries,
  };
}
