/** A change service wired to a real emulator and a throwaway database, for tests. */
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import type { FaultSpec } from '@/emulator/faults';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import type { JobRecord } from '@/lib/domain/records';
import { createClients, getJob, type GcpClients } from '@/lib/gcp';
import type { Store, StoreDialect } from '@/lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import type { Actor, ChangeContext } from '@/lib/changes/service-context';

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
