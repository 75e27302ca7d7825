import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createClients, getJob, listJobs, readUtilisation, type GcpClients } from '@/lib/gcp';
import { plainGoogleProblem } from './google-problem';

const FAST = { initialDelayMs: 1, maxDelayMs: 2, attempts: 2 };
const running: { emulator: RunningEmulator; clients: GcpClients }[] = [];

async function failingGoogle(faults: { unavailableRate: number; exhaustedRate: number }) {
  const emulator = await startEmulator({
    world: fixtureWorld(),
    port: 0,
    faults: { ...faults, latencyMs: 0 },
  });
  const clients = createClients({ emulatorHost: emulator.host, retry: FAST });
  running.push({ emulator, clients });
  return clients;
}

async function failureOf(read: () => Promise<unknown>): Promise<unknown> {
  try {
    await read();
  } catch (error) {
    return error;
  }
  throw new Error('the faulty emulator answered');
}

const ref = { project: FIXTURE_PROJECT, region: FIXTURE_REGION, job: 'reel-stitching-job' };
let warn: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  warn.mockRestore();
  for (const { emulator, clients } of running) {
    await clients.close();
    await emulator.stop();
  }
});

describe('plainGoogleProblem against a failing emulator', () => {
  it('says Google did not answer, without gRPC codes, and logs the details', async () => {
    const clients = await failingGoogle({ unavailableRate: 1, exhaustedRate: 0 });
    for (const read of [
      () => getJob(clients, ref),
      () => listJobs(clients, { project: FIXTURE_PROJECT, region: FIXTURE_REGION }),
      () =>
        readUtilisation(clients, {
          project: FIXTURE_PROJECT,
          job: ref.job,
          startMs: 0,
          endMs: 3_600_000,
          resource: 'cpu',
        }),
    ]) {
      const error = await failureOf(read);
      expect(String(error)).toMatch(/\(\w+: the service is unavailable \(injected fault\)/);
      const words = plainGoogleProblem(error, 'a test read');
      expect(words).toBe('Google Cloud did not answer; try again in a minute');
    }
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/a test read: .*injected fault/));
  });

  it('names a quota that ran out in plain words', async () => {
    const clients = await failingGoogle({ unavailableRate: 0, exhaustedRate: 1 });
    const words = plainGoogleProblem(await failureOf(() => getJob(clients, ref)), 'a test read');
    expect(words).toMatch(/^the Google Cloud API quota ran out/);
    expect(words).not.toMatch(/RESOURCE_EXHAUSTED|\d+ [A-Z_]+:/);
  });

  it('keeps messages that are already plain, and hides raw status text from anything else', () => {
    expect(plainGoogleProblem(new Error('A report covers at most 400 days'), 'x')).toBe(
      'A report covers at most 400 days',
    );
    expect(plainGoogleProblem(new Error('14 UNAVAILABLE: No connection established'), 'x')).toBe(
      'Google Cloud answered with an error; try again in a minute',
    );
  });
});
