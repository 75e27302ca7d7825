import { describe, expect, it } from 'vitest';
import { parseFaults } from '@/emulator/faults';
import {
  FIXTURE_NOW_MS,
  FIXTURE_PROJECT,
  FIXTURE_REGION,
  fixtureWorld,
} from '@/emulator/run/fixture-world';
import { startEmulator } from '@/emulator/server';
import { ApiCallCounter, backoffDelayMs, callGoogle, DEFAULT_RETRY } from './calls';
import { createClients, type GcpClients } from './clients';
import { GcpConflictError, GcpUnavailableError } from './errors';
import { getJob, listExecutions, listJobs } from './run';

const place = { project: FIXTURE_PROJECT, region: FIXTURE_REGION };
const reel = { ...place, job: 'reel-stitching-job' };
const everything = { sinceMs: 0, untilMs: FIXTURE_NOW_MS + 1, pageSize: 1 };
const fastRetry = { initialDelayMs: 2, maxDelayMs: 10 };

async function withEmulator<T>(spec: string, run: (clients: GcpClients) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({
    world: fixtureWorld(),
    port: 0,
    faults: parseFaults(spec),
  });
  const clients = createClients({ emulatorHost: emulator.host, retry: fastRetry });
  try {
    return await run(clients);
  } finally {
    await clients.close();
    await emulator.stop();
  }
}

describe('reads under injected faults', () => {
  it('succeed through retries when 30% of calls are unavailable', async () => {
    await withEmulator('unavailable=0.3', async (clients) => {
      const { items, pages } = await listExecutions(clients, { ...reel, ...everything });
      expect(items).toHaveLength(7);
      expect(pages).toBe(7);
      // Every try is counted: some pages needed more than one.
      expect(clients.calls.total).toBeGreaterThan(pages);
      expect(clients.calls.total).toBeLessThan(pages * DEFAULT_RETRY.attempts);
    });
  });

  it('succeed through retries when quota is exhausted now and then', async () => {
    await withEmulator('exhausted=0.3', async (clients) => {
      expect((await listJobs(clients, place)).items).toHaveLength(2);
    });
  });

  it('fail with GcpUnavailableError after bounded tries when the service is down', async () => {
    await withEmulator('unavailable=1', async (clients) => {
      await expect(getJob(clients, reel)).rejects.toBeInstanceOf(GcpUnavailableError);
      expect(clients.calls.total).toBe(DEFAULT_RETRY.attempts);
    });
  });
});

describe('callGoogle', () => {
  const site = () => ({
    calls: new ApiCallCounter(),
    retry: { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 2 },
  });
  const context = { action: 'apply new limits on job reel', access: 'run.write' } as const;
  const unavailable = () =>
    Promise.reject(Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'down' }));

  it('never retries a mutation: a lost answer does not say whether it applied', async () => {
    const counted = site();
    await expect(
      callGoogle(counted, 'run.UpdateJob', 'mutation', context, unavailable),
    ).rejects.toBeInstanceOf(GcpUnavailableError);
    expect(counted.calls.byMethod).toEqual({ 'run.UpdateJob': 1 });
  });

  it('does not retry an error that will not go away', async () => {
    const counted = site();
    const conflict = () => Promise.reject(Object.assign(new Error('10 ABORTED'), { code: 10 }));
    await expect(
      callGoogle(counted, 'run.GetJob', 'read', context, conflict),
    ).rejects.toBeInstanceOf(GcpConflictError);
    expect(counted.calls.total).toBe(1);
  });

  it('returns the answer of the first try that works', async () => {
    const counted = site();
    let tries = 0;
    const flaky = () => (++tries < 3 ? unavailable() : Promise.resolve('ok'));
    await expect(callGoogle(counted, 'run.GetJob', 'read', context, flaky)).resolves.toBe('ok');
    expect(counted.calls.total).toBe(3);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially and stays under the cap', () => {
    const policy = { ...DEFAULT_RETRY, initialDelayMs: 100, maxDelayMs: 1_000 };
    const top = (n: number) => backoffDelayMs(policy, n, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
  });
});
