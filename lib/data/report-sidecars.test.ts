/**
 * A job given a sidecar through UpdateJob, as Cloud Run accepts multi-container jobs: its later
 * executions are billed for both containers by the emulator, and the report's cost includes the
 * sidecar (so it agrees with Google's metered allocation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld, type SimulatedWorld } from '@/emulator/sim';
import { createClients, getJob, withCallCounter, type GcpClients } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { getJobReport } from './report';

const HOUR_MS = 3_600_000;
const book = findPriceBook('jobs-tier1') as PriceBook;
let world: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  world = createWorld(shortScenario(1), { seed: 9, now: TEST_NOW_MS - 12 * HOUR_MS });
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
  const name = `projects/${world.project}/locations/${world.region}/jobs/${REEL_JOB}`;
  const [job] = await clients.jobs.getJob({ name });
  const task = job.template!.template!;
  task.containers = [
    ...task.containers!,
    {
      name: 'log-agent',
      image: 'gcr.io/agents/log:1',
      resources: { limits: { cpu: '1', memory: '1Gi' } },
    },
  ];
  const [operation] = await clients.jobs.updateJob({ job });
  await operation.promise();
  world.advanceTo(TEST_NOW_MS);
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

describe('a job with a sidecar', () => {
  it('is read with its sidecar, the main container’s limits unchanged', async () => {
    const job = await getJob(clients, {
      project: world.project,
      region: world.region,
      job: REEL_JOB,
    });
    expect(job.sidecars).toEqual([{ name: 'log-agent', vcpu: 1, memoryBytes: 2 ** 30 }]);
    expect(job.vcpu).toBe(2);
  });

  it('costs the sidecar with the main container and agrees with the metered allocation', async () => {
    const { report } = await getJobReport({
      clients: withCallCounter(clients),
      project: world.project,
      region: world.region,
      job: REEL_JOB,
      startMs: TEST_NOW_MS - 10 * HOUR_MS,
      endMs: TEST_NOW_MS - HOUR_MS,
      policy: DEFAULT_TIER_POLICY,
      priceBook: book,
      objective: 'cost',
      now: TEST_NOW_MS,
    });
    expect(report.totals.executions).toBeGreaterThan(20);
    const r = report.reconciliation;
    expect(r.reasons.map((reason) => reason.kind)).not.toContain('unexplained');
    expect(Math.abs(r.differencePercent!)).toBeLessThan(2);
    // 2 vCPU + 1 for the sidecar: the computed vCPU-seconds are 1.5 × the main container's alone.
    const gibPerVcpu = r.computedUsage.gibSeconds / r.computedUsage.vcpuSeconds;
    expect(gibPerVcpu).toBeCloseTo((4 + 1) / (2 + 1), 2);
  });
});
