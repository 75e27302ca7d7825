import type { Store } from '@/lib/store';
import { ledgerDb, ofJob, type LedgerJobRef } from './tables';

export const PRUNE_BATCH = 500;

/**
 * Deletes a job's hours and executions created before `beforeMs` (their attributed usage first, so
 * none is left behind), PRUNE_BATCH rows per statement, so a first prune of years of history never holds a
 * long lock or a huge transaction.
 */
export async function pruneLedger(
  store: Store,
  ref: LedgerJobRef,
  beforeMs: number,
  batchSize = PRUNE_BATCH,
): Promise<number> {
  const db = ledgerDb(store);
  let pruned = 0;
  // Hours are one row each per job: a single statement however long the gap.
  await db
    .deleteFrom('ledger_hours')
    .where((eb) => eb.and(ofJob(ref)))
    .where('end_ms', '<=', beforeMs)
    .execute();
  for (;;) {
    const ids = await db
      .selectFrom('ledger_executions')
      .select('id')
      .where((eb) => eb.and(ofJob(ref)))
      .where('create_ms', '<', beforeMs)
      .limit(batchSize)
      .execute();
    if (ids.length === 0) return pruned;
    await db
      .deleteFrom('ledger_usage')
      .where((eb) => eb.and(ofJob(ref)))
      .where(
        'id',
        'in',
        ids.map((row) => row.id),
      )
      .execute();
    const result = await db
      .deleteFrom('ledger_executions')
      .where((eb) => eb.and(ofJob(ref)))
      .where(
        'id',
        'in',
        ids.map((row) => row.id),
      )
      .executeTakeFirst();
    pruned += Number(result.numDeletedRows);
    if (ids.length < batchSize) return pruned;
  }
}
