import type { Store } from '@/lib/store';
import { ledgerDb } from './tables';

/**
 * When each job of a project last completed a sync, keyed `region/job`, in one read: what a page
 * listing many jobs needs to tell the ones it can read as stored from the ones to sync first.
 * A job never synced is absent.
 */
export async function readSyncTimes(
  store: Store,
  project: string,
): Promise<ReadonlyMap<string, number>> {
  const rows = await ledgerDb(store)
    .selectFrom('ledger_jobs')
    .select(['region', 'job', 'synced_ms'])
    .where('project', '=', project)
    .where('synced_ms', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [syncTimeKey(row.region, row.job), Number(row.synced_ms)]));
}

export function syncTimeKey(region: string, job: string): string {
  return `${region}/${job}`;
}
