/**
 * End to end through the emulator: the engine reads a simulated history (the `tiered` scenario,
 * which contains a limit change) only through Google's APIs, and its figures are checked against
 * the simulator's ground truth. Measured at seed 7: cost within 0.08% for the reel jobs and 1.4%
 * for the retry-heavy thumbnail job; sliced peaks within 1e-6.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createWorld, loadScenario, type GroundTruth, type SimulatedWorld } from '@/emulator/sim';
import {
  createClients,
  listExecutions,
  readUtilisation,
  withCallCounter,
  type GcpClients,
} from '@/lib/gcp';
import { attributeExecutions } from '@/lib/domain/attribution';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { getJobReport } from './report';

const SCENARIO = fileURLToPath(new URL('../../emulator/scenarios/tiered.json', import.meta.url));
const NOW_MS = Date.UTC(2025, 4, 20, 12);
const DAYS = 14;
const DAY_MS = 86_400_000;
/** Computed cost vs true billed cost: retried tasks show only their last attempt (README). */
const COST_ERROR_BOUND = 0.02;
/** A sliced peak is read from the job's own samples of that execution alone. */
const SLICED_PEAK_ERROR_BOUND = 0.001;
const book = findPriceBook('jobs-tier1') as PriceBook;

let world: SimulatedWorld;
let truth: GroundTruth;
let emulator: RunningEmulator;
let clients: GcpClients;
let jobs: string[];

beforeAll(async () => {
  // The whole window stays listed here: this measures the engine, not how history is kept.
  const scenario = { ...loadScenario(SCENARIO), retention: { days: 400, executions: 10_000_000 } };
  world = createWorld(scenario, { seed: 7, now: NOW_MS });
  truth = world.groundTruth();
  jobs = [...new Set(truth.executions.map((e) => e.jobId))];
  emulator = await startEmulator({ world, port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

function trueBilledUsd(job: string, startMs: number, endMs: number): number {
  return truth.executions
    .filter((e) => e.jobId === job && e.status !== 'running')
    .filter((e) => {
      const at = e.attempts[0]?.startMs ?? e.createMs;
      return at >= startMs && at < endMs;
    })
    .flatMap((e) => e.attempts)
    .reduce(
      (sum, a) =>
        sum + a.vcpuSecondsBilled * book.vcpuSecondUsd + a.gibSecondsBilled * book.gibSecondUsd,
      0,
    );
}

describe('accuracy against the simulator', () => {
  it('computes each job’s cost within 2% of the true billed cost, and reconciles with metering', async () => {
    expect(jobs.length).toBeGreaterThan(1);
    for (const job of jobs) {
      const { report } = await getJobReport({
        clients: withCallCounter(clients),
        project: world.project,
        region: world.region,
        job,
        days: DAYS,
        policy: DEFAULT_TIER_POLICY,
        priceBook: book,
        objective: 'cost',
        now: world.now(),
      });
      const billedUsd = trueBilledUsd(job, world.now() - DAYS * DAY_MS, world.now());
      expect(billedUsd).toBeGreaterThan(0);
      expect(Math.abs(report.totals.costUsd / billedUsd - 1)).toBeLessThan(COST_ERROR_BOUND);
      expect(Math.abs(report.reconciliation.differencePercent ?? 100)).toBeLessThan(3);
    }
  });

  it('attributes sliced peaks within 0.1% of the true peaks, and ambiguous ones as upper bounds', async () => {
    const peakById = new Map(
      truth.executions.map((e) => [
        e.executionId,
        Math.max(...e.attempts.map((a) => a.peakMemoryBytes)),
      ]),
    );
    let sliced = 0;
    for (const job of jobs) {
      const window = { startMs: world.now() - DAYS * DAY_MS, endMs: world.now() };
      const executions = await listExecutions(clients, {
        project: world.project,
        region: world.region,
        job,
        sinceMs: window.startMs,
        untilMs: window.endMs,
      });
      const memory = await readUtilisation(clients, {
        project: world.project,
        job,
        ...window,
        resource: 'memory',
      });
      const points = memory.items.find((s) => s.job === job)?.points ?? [];
      const attributions = attributeExecutions({
        executions: executions.items,
        memoryPoints: points,
        nowMs: world.now(),
      });
      executions.items.forEach((execution, i) => {
        const attribution = attributions[i];
        const truePeak = peakById.get(execution.id);
        if (!attribution?.peakMemoryBytes || !truePeak || execution.status === 'running') return;
        if (attribution.memorySource === 'sliced') {
          sliced += 1;
          expect(Math.abs(attribution.peakMemoryBytes / truePeak - 1)).toBeLessThan(
            SLICED_PEAK_ERROR_BOUND,
          );
        } else if (attribution.memorySource === 'ambiguous') {
          expect(attribution.peakMemoryBytes).toBeGreaterThanOrEqual(
            truePeak * (1 - SLICED_PEAK_ERROR_BOUND),
          );
        }
      });
    }
    expect(sliced).toBeGreaterThan(1000);
  });
});
