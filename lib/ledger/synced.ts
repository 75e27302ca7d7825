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

/**
 * Per job of a project (keyed `region/job`): whether its settled hours are stored, and the create
 * time of its oldest finished execution in [sinceMs, untilMs) that is not attributed yet (absent
 * when every one is). Two grouped queries for every job: what the overview needs to read Monitoring
 * only for the minutes the store does not hold.
 */
export async function readStoredMarks(
  store: Store,
  project: string,
  span: { readonly sinceMs: number; readonly untilMs: number },
): Promise<{
  readonly metered: ReadonlySet<string>;
  readonly oldestUnattributedMs: ReadonlyMap<string, number>;
}> {
  const db = ledgerDb(store);
  const [jobs, pending] = await Promise.all([
    db
      .selectFrom('ledger_jobs')
      .select(['region', 'job'])
      .where('project', '=', project)
      .where('metered_through_ms', 'is not', null)
      .execute(),
    db
      .selectFrom('ledger_executions')
      .select((eb) => ['region', 'job', eb.fn.min('create_ms').as('oldest')])
      .where('project', '=', project)
      .where('status', '<>', 'running')
      .where('attributed_ms', 'is', null)
      .where('create_ms', '>=', span.sinceMs)
      .where('create_ms', '<', span.untilMs)
      .groupBy(['region', 'job'])
      .execute(),
  ]);
  return {
    metered: new Set(jobs.map((row) => syncTimeKey(row.region, row.job))),
    oldestUnattributedMs: new Map(
      pending.map((row) => [syncTimeKey(row.region, row.job), Number(row.oldest)]),
    ),
  };
}
