/**
 * A shared report of the job of one name in the second region (emulator/scenarios/two-regions.json)
 * is built from that region, names it, and its "since then" reads it too; a region Tierwise is
 * not configured to read is refused by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createOtherRegions, createWorld, loadScenario, type SimulatedWorld } from '@/emulator/sim';
import type { Store } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import { SnapshotRequestError } from './errors';
import { appLiveReportReader } from './live';
import { parseSnapshotRequest } from './request';
import { takeSnapshot } from './snapshots';

const JOB = 'reel-stitching-job';
const EUROPE = 'europe-west1';
const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const KEYS = [
  'TIERWISE_EMULATOR_HOST',
  'GOOGLE_CLOUD_PROJECT',
  'TIERWISE_REGION',
  'TIERWISE_REGIONS',
] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
let home: SimulatedWorld;
let emulator: RunningEmulator;
let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  const scenario = { ...loadScenario('emulator/scenarios/two-regions.json'), days: 2 };
  home = createWorld(scenario, { seed: 5, now: NOW_MS });
  const others = createOtherRegions(scenario, { seed: 5, now: NOW_MS });
  emulator = await startEmulator({ world: home, otherPlaces: others, port: 0 });
  database = await createTestDatabase('sqlite');
  store = await database.open(() => NOW_MS);
  Object.assign(process.env, {
    TIERWISE_EMULATOR_HOST: emulator.host,
    GOOGLE_CLOUD_PROJECT: home.project,
    TIERWISE_REGION: home.region,
    TIERWISE_REGIONS: `${home.region},${EUROPE}`,
  });
});

afterAll(async () => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await store.close();
  await database.drop();
  await emulator.stop();
});

const sharer = { email: 'rae@example.com', role: 'requester' };
const share = (body: object) =>
  takeSnapshot(
    { store, readLiveReport: appLiveReportReader() },
    sharer,
    parseSnapshotRequest({ job: JOB, days: 1, priceBook: 'jobs-tier1', ...body }, NOW_MS + 1),
  );

describe('a shared report of a job in another region', () => {
  it("is that region's report, and names it", async () => {
    const [europe, us] = await Promise.all([share({ region: EUROPE }), share({})]);
    expect(europe.document.report.inputs).toMatchObject({ region: EUROPE, job: JOB });
    expect(us.document.report.inputs).toMatchObject({ region: home.region, job: JOB });
    expect(europe.document.report.totals.executions).not.toBe(us.document.report.totals.executions);
    const live = await appLiveReportReader()({
      job: JOB,
      project: europe.document.report.inputs.project,
      region: europe.document.report.inputs.region,
      window: { days: 1 },
      priceBook: 'jobs-tier1',
      policy: undefined,
      objective: 'balanced',
      nowMs: NOW_MS,
    });
    expect(live.report.totals).toEqual(europe.document.report.totals);
  });

  it('refuses a region Tierwise does not read, and a malformed one, naming the field', async () => {
    const unread = await share({ region: 'asia-east1' }).catch((error: unknown) => error);
    expect(unread).toBeInstanceOf(SnapshotRequestError);
    expect((unread as SnapshotRequestError).fieldErrors).toMatchObject({
      region: [expect.stringMatching(/not configured to read region asia-east1/)],
    });
    expect(() => parseSnapshotRequest({ job: JOB, region: 'Mars' })).toThrow(SnapshotRequestError);
  });
});
