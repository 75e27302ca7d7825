/** A change service wired to a real emulator and a throwaway database, for tests. */
import { afterAll, beforeAll } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import type { FaultSpec } from '@/emulator/faults';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import type { JobRecord } from '@/lib/domain/records';
import { createClients, getJob, type GcpClients } from '@/lib/gcp';
import type { Store, StoreDialect } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';
import { syncJob } from '@/lib/ledger';
import { startTestProject, type TestProject } from '@/test/support/ledger-world';

export const REEL = 'reel-stitching-job';
export const requester: Actor = { email: 'rae@example.com', role: 'requester' };
export const approver: Actor = { email: 'abe@example.com', role: 'approver' };
export const secondApprover: Actor = { email: 'bea@example.com', role: 'approver' };
export const viewer: Actor = { email: 'vic@example.com', role: 'viewer' };

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly database: TestDatabase;
  readonly store: Store;
  readonly clients: GcpClients;
  readonly context: ChangeContext;
  /** Another app instance: its own store connection and its own gRPC channels. */
  secondInstance(): Promise<ChangeContext>;
  /** The same world served by another emulator that injects these faults. */
  faultyInstance(faults: FaultSpec): Promise<ChangeContext>;
  job(): Promise<JobRecord>;
  close(): Promise<void>;
}

const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 10 };

export async function startHarness(dialect: StoreDialect): Promise<Harness> {
  const emulator = await startEmulator({ world: fixtureWorld(), port: 0 });
  const database = await createTestDatabase(dialect);
  const store = await database.open();
  const closers: (() => Promise<void>)[] = [];
  const contextFor = (clients: GcpClients, contextStore: Store): ChangeContext => ({
    store: contextStore,
    clients,
    project: FIXTURE_PROJECT,
    region: FIXTURE_REGION,
    tierPolicy: DEFAULT_TIER_POLICY,
    operationTimeoutMs: 5_000,
  });
  const clientsOn = (host: string) => {
    const clients = createClients({ emulatorHost: host, retry: FAST_RETRY });
    closers.push(() => clients.close());
    return clients;
  };
  const clients = clientsOn(emulator.host);
  return {
    emulator,
    database,
    store,
    clients,
    context: contextFor(clients, store),
    async secondInstance() {
      return contextFor(clientsOn(emulator.host), await database.open());
    },
    async faultyInstance(faults) {
      const faulty = await startEmulator({ world: emulator.world, port: 0, faults });
      closers.push(() => faulty.stop());
      return contextFor(clientsOn(faulty.host), store);
    },
    job: () => getJob(clients, { project: FIXTURE_PROJECT, region: FIXTURE_REGION, job: REEL }),
    async close() {
      await Promise.all(closers.map((close) => close()));
      await database.drop();
      await emulator.stop();
    },
  };
}

/**
 * For one dialect's `describe` block: a harness started before its first test and handed to
 * `use`, closed after its last.
 */
export function harnessForTests(dialect: StoreDialect, use: (harness: Harness) => void): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(dialect);
    use(harness);
  });
  afterAll(() => harness?.close());
}

/** Limits that differ from the job's, in the API's shape. */
export function otherLimits(job: JobRecord): { cpu: string; memory: string } {
  return job.vcpu === 2 ? { cpu: '4', memory: '8Gi' } : { cpu: '2', memory: '4Gi' };
}

export function proposalFor(job: JobRecord, extra: Record<string, unknown> = {}) {
  return {
    job: job.name,
    tier: 'small',
    limits: otherLimits(job),
    reason: 'p95 CPU sits at 30% of the limit over 30 days',
    ...extra,
  };
}

/** The simulated project with a ledger: what verification reads changes against. */
export interface LedgerChangeWorld {
  readonly project: TestProject;
  readonly database: TestDatabase;
  readonly store: Store;
  readonly context: ChangeContext;
}

/**
 * For a test file: a week of the default scenario behind an emulator, a SQLite store on the
 * project's clock, a change context on both and the reel job's ledger synced, all ready before
 * the first test (and handed to `use`), stopped after the last.
 */
export function ledgerChangeWorldForTests(use: (world: LedgerChangeWorld) => void): void {
  let world: LedgerChangeWorld | undefined;
  beforeAll(async () => {
    const project = await startTestProject({ days: 7, retention: { days: 7, executions: 5000 } });
    const database = await createTestDatabase('sqlite');
    // The store's clock is the simulated project's, as in the demo where both are the real clock.
    const store = await database.open(() => project.world.now());
    const context: ChangeContext = {
      store,
      clients: project.clients(),
      project: project.world.project,
      region: project.world.region,
      tierPolicy: DEFAULT_TIER_POLICY,
      operationTimeoutMs: 5_000,
    };
    await syncJob(store, context.clients, project.ref(), { nowMs: project.world.now() });
    world = { project, database, store, context };
    use(world);
  }, 120_000);
  afterAll(async () => {
    await world?.store.close();
    await world?.database.drop();
    await world?.project.stop();
  });
}
