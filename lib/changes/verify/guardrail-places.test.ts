/**
 * The guardrail on a change to the job of one name in another region
 * (emulator/scenarios/two-regions.json): verified from that region's executions, its rollback is
 * proposed, applied and read back there, and the same-named job in the default region is never
 * touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createOtherRegions, createWorld, loadScenario, type SimulatedWorld } from '@/emulator/sim';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createClients, getJob, type GcpClients } from '@/lib/gcp';
import { syncJob } from '@/lib/ledger';
import type { Store } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import { approver, requester, secondApprover } from '@/test/support/change-harness';
import { applyChange } from '../apply';
import { approveChange } from '../decide';
import { ChangeInputError } from '../errors';
import { proposeChange } from '../propose';
import type { ChangeContext, Place } from '../service-context';
import { verifyAppliedChange } from '.';

const JOB = 'reel-stitching-job';
const EUROPE = 'europe-west1';
const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const HOUR_MS = 3_600_000;

let home: SimulatedWorld;
let europe: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;
let database: TestDatabase;
let store: Store;
let context: ChangeContext;

beforeAll(async () => {
  const scenario = { ...loadScenario('emulator/scenarios/two-regions.json'), days: 3 };
  home = createWorld(scenario, { seed: 9, now: NOW_MS });
  [europe] = createOtherRegions(scenario, { seed: 9, now: NOW_MS }) as [SimulatedWorld];
  emulator = await startEmulator({ world: home, otherPlaces: [europe], port: 0 });
  clients = createClients({ emulatorHost: emulator.host });
  database = await createTestDatabase('sqlite');
  // The store's clock is the europe-west1 world's: only that region runs on after the apply.
  store = await database.open(() => europe.now());
  const at = (place: Place): ChangeContext => ({
    store,
    clients,
    ...place,
    at: async (other) => {
      if (other.project !== home.project) throw new ChangeInputError({ project: 'not read' });
      if (other.region !== home.region && other.region !== EUROPE) {
        throw new ChangeInputError({ region: 'not read' });
      }
      return at(other);
    },
    tierPolicy: DEFAULT_TIER_POLICY,
    operationTimeoutMs: 5_000,
  });
  context = at({ project: home.project, region: home.region });
  await syncJob(
    store,
    clients,
    { project: home.project, region: EUROPE, job: JOB },
    { nowMs: europe.now() },
  );
}, 120_000);

afterAll(async () => {
  await clients.close();
  await store.close();
  await database.drop();
  await emulator.stop();
});

const jobIn = (region: string) => getJob(clients, { project: home.project, region, job: JOB });

describe('the guardrail on a change in another region', () => {
  it('proposes and applies the rollback there, never touching the default region job', async () => {
    const [homeBefore, europeBefore] = await Promise.all([jobIn(home.region), jobIn(EUROPE)]);
    const proposed = await proposeChange(context, requester, {
      job: JOB,
      region: EUROPE,
      tier: 'small',
      limits: { cpu: '1', memory: '512Mi' },
      reason: 'Memory looks generous',
    });
    await approveChange(context, approver, proposed.id, {});
    const { change } = await applyChange(context, secondApprover, proposed.id);
    expect(change).toMatchObject({ state: 'applied', region: EUROPE });

    europe.advanceTo(change.appliedAt! + 12 * HOUR_MS);
    const verified = await verifyAppliedChange(context, change);
    expect(verified.verification?.verdict).toBe('worse');
    const rollbackId = verified.guardrail.rollbackId;
    expect(rollbackId).toBeTruthy();

    await approveChange(context, approver, rollbackId!, { comment: 'roll back now' });
    const rolledBack = await applyChange(context, secondApprover, rollbackId!);
    expect(rolledBack.change).toMatchObject({ state: 'applied', region: EUROPE });
    expect(await jobIn(EUROPE)).toMatchObject({
      vcpu: europeBefore.vcpu,
      memoryBytes: europeBefore.memoryBytes,
    });
    expect((await jobIn(home.region)).etag).toBe(homeBefore.etag);
  }, 120_000);
});
