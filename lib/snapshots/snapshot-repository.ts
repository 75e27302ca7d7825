/**
 * Snapshot rows in the store. There is no update path: a snapshot is inserted whole, in one
 * transaction with its audit entry, and the only later write sets revoked_at once.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { insertAudit } from '@/lib/store/audit';
import type { Database, Store } from '@/lib/store';
import type { Executor } from '@/lib/store/schema';

export interface ReportSnapshotsTable {
  id: string;
  project: string;
  region: string;
  job: string;
  author: string;
  created_at: number;
  expires_at: number | null;
  document: string;
  summary: string;
  row_count: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface ReportSnapshotRowsTable {
  snapshot_id: string;
  chunk: number;
  /** JSON array of rows, each an array of cells in EXECUTION_COLUMNS order. */
  rows: string;
}

type SnapshotDatabase = Database & {
  report_snapshots: ReportSnapshotsTable;
  report_snapshot_rows: ReportSnapshotRowsTable;
};

export type SnapshotRecord = Selectable<ReportSnapshotsTable>;
export type StoredCells = readonly (string | number | null)[];
export type NewSnapshotRecord = Omit<SnapshotRecord, 'revoked_at' | 'revoked_by' | 'row_count'>;

/** Rows per stored chunk: an export holds one chunk (≈ 200 kB) at a time, whatever the total. */
export const ROWS_PER_CHUNK = 1000;
const CHUNKS_PER_READ = 4;

function db(store: Store): Kysely<SnapshotDatabase> {
  return store.db.withTables<{
    report_snapshots: ReportSnapshotsTable;
    report_snapshot_rows: ReportSnapshotRowsTable;
  }>();
}

/** Rows to store with a snapshot: how many, then the rows themselves, read once in order. */
export interface SnapshotRows {
  readonly count: number;
  readonly cells: Iterable<StoredCells>;
}

/** Inserts the snapshot, its rows in chunks and the audit entry together, in one transaction. */
export async function insertSnapshot(
  store: Store,
  snapshot: NewSnapshotRecord,
  rows: SnapshotRows,
): Promise<void> {
  await db(store)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('report_snapshots')
        .values({ ...snapshot, row_count: rows.count, revoked_at: null, revoked_by: null })
        .execute();
      const written = await insertChunks(trx, snapshot.id, rows.cells);
      if (written !== rows.count) {
        throw new Error(
          `Snapshot ${snapshot.id} was given ${written} rows, not the ${rows.count} announced.`,
        );
      }
      await insertAudit(trx as unknown as Executor, snapshot.created_at, {
        actor: snapshot.author,
        action: 'report.shared',
        target: `report:${snapshot.id}`,
        details: { job: snapshot.job, project: snapshot.project, rows: rows.count },
      });
    });
}

async function insertChunks(
  trx: Transaction<SnapshotDatabase>,
  id: string,
  cells: Iterable<StoredCells>,
): Promise<number> {
  let count = 0;
  let chunk = 0;
  let batch: StoredCells[] = [];
  const flush = async () => {
    await trx
      .insertInto('report_snapshot_rows')
      .values({ snapshot_id: id, chunk, rows: JSON.stringify(batch) })
      .execute();
    chunk += 1;
    batch = [];
  };
  for (const row of cells) {
    batch.push(row);
    count += 1;
    if (batch.length === ROWS_PER_CHUNK) await flush();
  }
  if (batch.length > 0) await flush();
  return count;
}

export async function findSnapshot(store: Store, id: string): Promise<SnapshotRecord | undefined> {
  return db(store)
    .selectFrom('report_snapshots')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Stored rows in order, a few chunks per query, so memory stays flat however many there are. */
export async function* readSnapshotRows(store: Store, id: string): AsyncGenerator<StoredCells[]> {
  let next = 0;
  for (;;) {
    const chunks = await db(store)
      .selectFrom('report_snapshot_rows')
      .select(['chunk', 'rows'])
      .where('snapshot_id', '=', id)
      .where('chunk', '>=', next)
      .orderBy('chunk')
      .limit(CHUNKS_PER_READ)
      .execute();
    for (const { rows } of chunks) yield JSON.parse(rows) as StoredCells[];
    if (chunks.length < CHUNKS_PER_READ) return;
    next = Number(chunks[chunks.length - 1]!.chunk) + 1;
  }
}

/** Sets revoked_at once; false when it was already revoked. Audited in the same transaction. */
export async function markRevoked(store: Store, id: string, actor: string): Promise<boolean> {
  const at = store.now();
  return db(store)
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('report_snapshots')
        .set({ revoked_at: at, revoked_by: actor })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await insertAudit(trx as unknown as Executor, at, {
        actor,
        action: 'report.revoked',
        target: `report:${id}`,
      });
      return true;
    });
}
