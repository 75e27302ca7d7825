import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import type { Store } from '@/lib/store';
import { recordsOfRow } from './records';
import { ledgerDb, ofJob, type LedgerJobRef } from './tables';

export interface LedgerHistory {
  /** Newest first, as Cloud Run lists them. */
  readonly executions: readonly ExecutionRecord[];
  readonly tasks: readonly TaskRecord[];
  /** Executions stored without their tasks (Google would not list them at the time). */
  readonly withoutTasks: number;
}

/** The job's executions created in [sinceMs, untilMs) with their task results. */
export async function readLedger(
  store: Store,
  ref: LedgerJobRef,
  window: { readonly sinceMs: number; readonly untilMs: number },
): Promise<LedgerHistory> {
  const rows = await ledgerDb(store)
    .selectFrom('ledger_executions')
    .select(['job', 'id', 'record', 'tasks'])
    .where((eb) => eb.and(ofJob(ref)))
    .where('create_ms', '>=', window.sinceMs)
    .where('create_ms', '<', window.untilMs)
    .orderBy('create_ms', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const executions: ExecutionRecord[] = [];
  const tasks: TaskRecord[] = [];
  let withoutTasks = 0;
  for (const row of rows) {
    const records = recordsOfRow(row);
    executions.push(records.execution);
    if (records.tasks) tasks.push(...records.tasks);
    else withoutTasks += 1;
  }
  return { executions, tasks, withoutTasks };
}

/**
 * The job's finished executions created in [sinceMs, untilMs) whose CPU and memory are not stored
 * yet (no ledger_usage row): few once the ledger is synced — what a report must read live. Read
 * before the whole history, so those reads are under way while it is read.
 */
export async function readUnattributed(
  store: Store,
  ref: LedgerJobRef,
  window: { readonly sinceMs: number; readonly untilMs: number },
): Promise<ExecutionRecord[]> {
  const rows = await ledgerDb(store)
    .selectFrom('ledger_executions as e')
    .select(['e.job', 'e.id', 'e.record'])
    .where('e.project', '=', ref.project)
    .where('e.region', '=', ref.region)
    .where('e.job', '=', ref.job)
    .where('e.create_ms', '>=', window.sinceMs)
    .where('e.create_ms', '<', window.untilMs)
    .where('e.status', '!=', 'running')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ledger_usage as u')
            .select('u.id')
            .whereRef('u.project', '=', 'e.project')
            .whereRef('u.region', '=', 'e.region')
            .whereRef('u.job', '=', 'e.job')
            .whereRef('u.id', '=', 'e.id'),
        ),
      ),
    )
    .execute();
  // Only the executions are needed (when they ran), not their tasks.
  return rows.map((row) => recordsOfRow({ ...row, tasks: null }).execution);
}
