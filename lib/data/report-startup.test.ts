/**
 * Cloud Run bills an instance from when it starts, before the execution's start_time. With the
 * emulator billing 10 s of start-up before every attempt, the report's reconciliation shows the gap
 * and names start-up as its reason instead of agreeing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld } from '@/emulator/sim';
import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { getJobReport } from './report';

const book = findPriceBook('jobs-tier1') as PriceBook;
const servers: { emulator: RunningEmulator; clients: GcpClients }[] = [];

async function reportWithStartup(instanceStartSeconds: number) {
  const scenario = shortScenario(2, (s) => ({
    ...s,
    streams: s.streams.map((stream) => ({
      ...stream,
      physics: { ...stream.physics, instanceStartSeconds },
    })),
  }));
  const world = createWorld(scenario, { seed: 8, now: TEST_NOW_MS });
  const emulator = await startEmulator({ world, port: 0 });
  const clients = createClients({ emulatorHost: emulator.host });
  servers.push({ emulator, clients });
  const { report } = await getJobReport({
    clients: withCallCounter(clients),
    project: world.project,
    region: world.region,
    job: REEL_JOB,
    days: 1,
    policy: DEFAULT_TIER_POLICY,
    priceBook: book,
    objective: 'cost',
    now: TEST_NOW_MS,
  });
  return report;
}

afterAll(async () => {
  for (const { emulator, clients } of servers) {
    await clients.close();
    await emulator.stop();
  }
});

describe('instance start-up in the reconciliation', () => {
  let withStartup: Awaited<ReturnType<typeof reportWithStartup>>;
  let without: Awaited<ReturnType<typeof reportWithStartup>>;
  beforeAll(async () => {
    [withStartup, without] = await Promise.all([reportWithStartup(10), reportWithStartup(0)]);
  });

  it('shows the metered start-up as a gap and explains it', () => {
    const r = withStartup.reconciliation;
    expect(r.meteredUsd!).toBeGreaterThan(r.computedUsd);
    const startup = r.reasons.find((reason) => reason.kind === 'instance-startup');
    const perAttempt = Number(/([\d.]+) s more per attempt/.exec(startup?.text ?? '')?.[1]);
    expect(perAttempt).toBeGreaterThan(7);
    expect(perAttempt).toBeLessThan(13);
    expect(r.reasons.map((reason) => reason.kind)).not.toContain('unexplained');
  });

  it('bills the same runs alike when start-up is not billed, and names no start-up', () => {
    expect(without.totals.costUsd).toBeCloseTo(withStartup.totals.costUsd, 9);
    const kinds = without.reconciliation.reasons.map((reason) => reason.kind);
    expect(kinds).not.toContain('instance-startup');
    expect(without.reconciliation.status).toBe('agrees');
    expect(withStartup.reconciliation.status).toBe('differs');
  });
});
