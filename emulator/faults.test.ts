import { afterAll, describe, expect, it } from 'vitest';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { FaultSpecError, parseFaults, seededRandom } from './faults';
import { FIXTURE_PARENT, REEL_JOB_NAME, fixtureWorld } from './run/fixture-world';
import { startEmulator, type RunningEmulator } from './server';

describe('parseFaults', () => {
  it('reads rates and latency', () => {
    expect(parseFaults('unavailable=0.2,exhausted=0.05,latency=200ms')).toEqual({
      unavailableRate: 0.2,
      exhaustedRate: 0.05,
      latencyMs: 200,
    });
    expect(parseFaults('latency=1.5s')).toEqual({
      unavailableRate: 0,
      exhaustedRate: 0,
      latencyMs: 1500,
    });
    expect(parseFaults('')).toEqual({ unavailableRate: 0, exhaustedRate: 0, latencyMs: 0 });
  });

  it.each([
    ['unavailable=2', 'unavailable=2 is not a fraction from 0 to 1'],
    ['unavailable=-0.1', 'not a fraction'],
    ['exhausted=lots', 'exhausted=lots is not a fraction'],
    ['latency=fast', 'latency=fast is not a duration'],
    ['slow=1', 'unknown key "slow"'],
    ['unavailable', '"unavailable" is not key=value'],
    ['unavailable=0.7,exhausted=0.4', 'add up to more than 1'],
  ])('rejects %s with a message saying what is wrong', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(FaultSpecError);
    expect(() => parseFaults(spec)).toThrow(message);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
    expect(draws(3).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

const running: { emulator: RunningEmulator; clients: GcpClients }[] = [];

async function start(spec: string, faultSeed = 1) {
  const emulator = await startEmulator({
    world: fixtureWorld(),
    port: 0,
    faults: parseFaults(spec),
    faultSeed,
  });
  const clients = createClients({ emulatorHost: emulator.host });
  running.push({ emulator, clients });
  return clients;
}

afterAll(async () => {
  for (const { emulator, clients } of running) {
    await clients.close();
    await emulator.stop();
  }
});

/** The status code of each of `count` GetJob calls made one after another (0 = answered). */
async function outcomes(clients: GcpClients, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    codes.push(
      await clients.jobs.getJob({ name: REEL_JOB_NAME }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      ),
    );
  }
  return codes;
}

describe('fault injection', () => {
  it('fails every call of every service with unavailable=1', async () => {
    const clients = await start('unavailable=1');
    const calls: Promise<unknown>[] = [
      clients.jobs.getJob({ name: REEL_JOB_NAME }),
      clients.jobs.listJobs({ parent: FIXTURE_PARENT }),
      clients.executions.listExecutions({ parent: REEL_JOB_NAME }),
      clients.tasks.listTasks({ parent: `${REEL_JOB_NAME}/executions/-` }),
      clients.jobs.deleteJob({ name: REEL_JOB_NAME }),
      // Monitoring retries UNAVAILABLE by default: turn that off to see the first answer.
      clients.metrics.listTimeSeries(
        {
          name: 'projects/tierwise-demo',
          filter: 'metric.type="run.googleapis.com/job/running_executions"',
        },
        {
          retry: {
            retryCodes: [],
            backoffSettings: {
              initialRetryDelayMillis: 1,
              retryDelayMultiplier: 1,
              maxRetryDelayMillis: 1,
              totalTimeoutMillis: 1000,
            },
          },
        },
      ),
    ];
    const results = await Promise.allSettled(calls);
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: number }).code : 0)),
    ).toEqual(calls.map(() => 14));
  });

  it('fails a plausible share of calls, the same ones on every run with the same seed', async () => {
    const first = await outcomes(await start('unavailable=0.2,exhausted=0.1', 7), 200);
    const unavailable = first.filter((c) => c === 14).length;
    const exhausted = first.filter((c) => c === 8).length;
    expect(unavailable).toBeGreaterThan(20);
    expect(unavailable).toBeLessThan(60);
    expect(exhausted).toBeGreaterThan(5);
    expect(exhausted).toBeLessThan(35);
    expect(first.filter((c) => c !== 0 && c !== 14 && c !== 8)).toEqual([]);
    const again = await outcomes(await start('unavailable=0.2,exhausted=0.1', 7), 200);
    expect(again).toEqual(first);
    const otherSeed = await outcomes(await start('unavailable=0.2,exhausted=0.1', 8), 200);
    expect(otherSeed).not.toEqual(first);
  });

  it('delays each call by the latency', async () => {
    const clients = await start('latency=150ms');
    await clients.jobs.getJob({ name: REEL_JOB_NAME });
    const startedMs = performance.now();
    const [job] = await clients.jobs.getJob({ name: REEL_JOB_NAME });
    expect(job.name).toBe(REEL_JOB_NAME);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(140);
  });
});
