/**
 * One job's report on the default scenario (emulator/scenarios/reel-stitching.json, seed 7), read
 * end to end through the emulator and Google's clients: 14 days, balanced, Tier 1 prices.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createWorld, loadScenario } from '@/emulator/sim';
import { getJobReport } from '@/lib/data/report';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import type { JobReport } from '@/lib/domain/report';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createClients, type GcpClients } from '@/lib/gcp';

const SCENARIO = fileURLToPath(
  new URL('../../emulator/scenarios/reel-stitching.json', import.meta.url),
);

/** For a test file: `job`'s report read at `nowMs` before the first test, handed to `use`. */
export function scenarioReportForTests(
  job: string,
  nowMs: number,
  use: (report: JobReport) => void,
): void {
  let emulator: RunningEmulator | undefined;
  let clients: GcpClients | undefined;
  beforeAll(async () => {
    const world = createWorld(loadScenario(SCENARIO), { seed: 7, now: nowMs });
    emulator = await startEmulator({ world, port: 0 });
    clients = createClients({ emulatorHost: emulator.host });
    const { report } = await getJobReport({
      clients,
      project: 'demo-project',
      region: 'us-central1',
      job,
      days: 14,
      policy: DEFAULT_TIER_POLICY,
      priceBook: findPriceBook('jobs-tier1') as PriceBook,
      objective: 'balanced',
      now: nowMs,
    });
    use(report);
  }, 60_000);
  afterAll(async () => {
    await clients?.close();
    await emulator?.stop();
  });
}
