/**
 * One job name in two regions of one project (emulator/scenarios/two-regions.json): each region's
 * report holds that region's executions and Monitoring series only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createOtherRegions, createWorld, loadScenario, type SimulatedWorld } from '@/emulator/sim';
import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { getJobReport } from './report';

const SCENARIO = 'emulator/scenarios/two-regions.json';
const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const JOB = 'reel-stitching-job';
const book = findPriceBook('jobs-tier1') as PriceBook;

let home: SimulatedWorld;
let europe: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  const scenario = { ...loadScenario(SCENARIO), days: 2 };
  home = createWorld(scenario, { seed: 4, now: NOW_MS });
  [europe] = createOtherRegions(scenario, { seed: 4, now: NOW_MS }) as [SimulatedWorld];
  emulator = await startEmulator({ world: home, otherPlaces: [europe], port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

const reportOf = (region: string) =>
  getJobReport({
    clients: withCallCounter(clients),
    project: home.project,
    region,
    job: JOB,
    days: 1,
    policy: DEFAULT_TIER_POLICY,
    priceBook: book,
    objective: 'cost',
    now: NOW_MS,
  });

/** Executions of the job a one-day report covers: finished, started within the day. */
function finishedInDay(world: SimulatedWorld): number {
  return world
    .allExecutions(JOB)
    .filter((e) => e.completionMs !== undefined && (e.startMs ?? e.createMs) >= NOW_MS - 86_400_000)
    .length;
}

describe('one job name in two regions', () => {
  it('gives two separate reports, each of its own region', async () => {
    expect(europe.region).toBe('europe-west1');
    expect(europe.getJob(JOB)).toBeDefined();
    const [us, eu] = await Promise.all([reportOf(home.region), reportOf(europe.region)]);
    expect(us.report.inputs).toMatchObject({ region: home.region, job: JOB });
    expect(eu.report.inputs).toMatchObject({ region: 'europe-west1', job: JOB });
    expect(us.report.totals.executions).toBe(finishedInDay(home));
    expect(eu.report.totals.executions).toBe(finishedInDay(europe));
    // Different histories: a report mixing the regions would hold both.
    expect(us.report.totals.executions).not.toBe(eu.report.totals.executions);
    expect(us.report.totals.costUsd).not.toBeCloseTo(eu.report.totals.costUsd, 6);
    // Each region's Monitoring agrees with its own executions, not the sum of both.
    for (const { report } of [us, eu]) {
      expect(report.warnings.map((w) => w.kind)).not.toContain('execution-gap');
    }
  });
});
