/**
 * One sync per job at a time, across app instances: a lease row taken with a conditional update.
 * A crashed holder's lease simply expires; every batch renews it and fails if another took it over.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '@/lib/store';
import type { Kysely, Transaction } from 'kysely';
import { ledgerDb, type LedgerDatabase, type LedgerJobRef } from './tables';

/** A sync that writes nothing for this long is taken to have died. */
export const DEFAULT_LEASE_SECONDS = 120;

export class LedgerLeaseLostError extends Error {
  constructor(ref: LedgerJobRef) {
    super(
      `Another Tierwise instance took over the ledger sync of job ${ref.job} after this one stalled; its sync continues there, nothing to do here.`,
    );
    this.name = 'LedgerLeaseLostError';
  }
}

export interface Lease {
  readonly owner: string;
  readonly ref: LedgerJobRef;
  readonly leaseMs: number;
}

const keyOf = (ref: LedgerJobRef) => ({ project: ref.project, region: ref.region, job: ref.job });

type LedgerExecutor = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

/** Takes the job's lease if it is free or expired; undefined when another instance holds it. */
export async function acquireLease(
  store: Store,
  ref: LedgerJobRef,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<Lease | undefined> {
  const db = ledgerDb(store);
  const key = keyOf(ref);
  await db
    .insertInto('ledger_jobs')
    .values({ ...key, phase: 'idle', rows_synced: 0 })
    .onConflict((oc) => oc.columns(['project', 'region', 'job']).doNothing())
    .execute();
  const now = store.now();
  const lease: Lease = { owner: randomUUID(), ref, leaseMs: leaseSeconds * 1000 };
  const result = await db
    .updateTable('ledger_jobs')
    .set({
      lease_owner: lease.owner,
      lease_until: now + lease.leaseMs,
      phase: 'syncing',
      started_at: now,
      rows_synced: 0,
      rows_to_sync: null,
      last_error: null,
    })
    .where('project', '=', key.project)
    .where('region', '=', key.region)
    .where('job', '=', key.job)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? lease : undefined;
}

/** Renews the lease inside a batch's transaction and counts the rows; throws if it was lost. */
export async function renewLease(
  db: LedgerExecutor,
  store: Store,
  lease: Lease,
  change: { rowsSynced?: number; rowsToSync?: number } = {},
): Promise<void> {
  const key = keyOf(lease.ref);
  const result = await db
    .updateTable('ledger_jobs')
    .set((eb) => ({
      lease_until: store.now() + lease.leaseMs,
      rows_synced: eb('rows_synced', '+', change.rowsSynced ?? 0),
      ...(change.rowsToSync !== undefined && { rows_to_sync: change.rowsToSync }),
    }))
    .where('project', '=', key.project)
    .where('region', '=', key.region)
    .where('job', '=', key.job)
    .where('lease_owner', '=', lease.owner)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new LedgerLeaseLostError(lease.ref);
}

/** Ends the sync: records its outcome and frees the lease (only if still ours). */
export async function releaseLease(
  db: LedgerExecutor,
  lease: Lease,
  outcome:
    | { phase: 'idle'; highWaterMs: number | null; syncedMs: number }
    | { phase: 'failed'; error: string },
): Promise<void> {
  const key = keyOf(lease.ref);
  await db
    .updateTable('ledger_jobs')
    .set((eb) => ({
      lease_owner: null,
      lease_until: null,
      phase: outcome.phase,
      ...(outcome.phase === 'idle'
        ? {
            high_water_ms: outcome.highWaterMs,
            synced_ms: outcome.syncedMs,
            first_synced_ms: eb.fn.coalesce('first_synced_ms', eb.val(outcome.syncedMs)),
            last_error: null,
          }
        : { last_error: outcome.error.slice(0, 2000) }),
    }))
    .where('project', '=', key.project)
    .where('region', '=', key.region)
    .where('job', '=', key.job)
    .where('lease_owner', '=', lease.owner)
    .execute();
}

/** Jobs per statement when leases are held for many jobs at once. */
const HOLD_CHUNK = 500;

/**
 * Takes the leases of the given jobs of one project and region for attributing alone (a
 * project-wide attribution pass after the syncs), a few statements for any number of jobs: other
 * instances see those jobs as syncing meanwhile, and the last sync's phase, progress and times
 * stay as they are. Jobs another instance holds are left out of the answer.
 */
export async function holdLeases(
  store: Store,
  place: { readonly project: string; readonly region: string },
  jobs: readonly string[],
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<Lease[]> {
  const db = ledgerDb(store);
  const key = { project: place.project, region: place.region };
  const owner = randomUUID();
  const leaseMs = leaseSeconds * 1000;
  const held: Lease[] = [];
  for (let i = 0; i < jobs.length; i += HOLD_CHUNK) {
    const chunk = jobs.slice(i, i + HOLD_CHUNK);
    await db
      .insertInto('ledger_jobs')
      .values(chunk.map((job) => ({ ...key, job, phase: 'idle', rows_synced: 0 })))
      .onConflict((oc) => oc.columns(['project', 'region', 'job']).doNothing())
      .execute();
    const now = store.now();
    await db
      .updateTable('ledger_jobs')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('project', '=', place.project)
      .where('region', '=', place.region)
      .where('job', 'in', chunk)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .execute();
    const ours = await db
      .selectFrom('ledger_jobs')
      .select('job')
      .where('project', '=', place.project)
      .where('region', '=', place.region)
      .where('job', 'in', chunk)
      .where('lease_owner', '=', owner)
      .execute();
    for (const { job } of ours) held.push({ owner, ref: { ...key, job }, leaseMs });
  }
  return held;
}

/** Frees leases taken by `holdLeases` (those still ours), recording nothing else. */
export async function freeLeases(db: LedgerExecutor, leases: readonly Lease[]): Promise<void> {
  const groups = new Map<string, { owner: string; project: string; region: string }>();
  for (const { owner, ref } of leases) {
    groups.set(JSON.stringify([owner, ref.project, ref.region]), {
      owner,
      project: ref.project,
      region: ref.region,
    });
  }
  for (const group of groups.values()) {
    await db
      .updateTable('ledger_jobs')
      .set({ lease_owner: null, lease_until: null })
      .where('project', '=', group.project)
      .where('region', '=', group.region)
      .where('lease_owner', '=', group.owner)
      .execute();
  }
}
