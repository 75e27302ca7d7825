import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listAudit, type Store } from '@/lib/store';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { newSnapshotId } from '@/lib/snapshots/ids';
import {
  findSnapshot,
  insertSnapshot,
  markRevoked,
  readSnapshotRows,
  ROWS_PER_CHUNK,
  type NewSnapshotRecord,
} from '@/lib/snapshots/snapshot-repository';

function record(id: string, at: number): NewSnapshotRecord {
  return {
    id,
    project: 'demo-project',
    region: 'us-central1',
    job: 'reel-stitching-job',
    author: 'requester@demo.tierwise',
    created_at: at,
    expires_at: null,
    document: JSON.stringify({ id, figures: [1.5, 'é', null] }),
    summary: '{}',
  };
}

function* rows(count: number) {
  for (let i = 0; i < count; i += 1) yield [`exec-${i}`, i * 0.25, i % 7 === 0 ? null : 'ok'];
}

async function allRows(store: Store, id: string) {
  const out = [];
  for await (const chunk of readSnapshotRows(store, id)) out.push(...chunk);
  return out;
}

describe.each(DIALECTS)('report snapshots on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
  });

  it('stores the document as given and reads every row back in order across chunks', async () => {
    const id = newSnapshotId();
    const count = ROWS_PER_CHUNK * 5 + 3;
    await insertSnapshot(store, record(id, clock.now()), { count, cells: rows(count) });
    const found = await findSnapshot(store, id);
    expect(found?.document).toBe(record(id, 0).document);
    expect(found).toMatchObject({ row_count: count, created_at: clock.now(), revoked_at: null });
    const read = await allRows(store, id);
    expect(read).toHaveLength(count);
    expect(read[0]).toEqual(['exec-0', 0, null]);
    expect(read[count - 1]).toEqual([`exec-${count - 1}`, (count - 1) * 0.25, 'ok']);
    const [entry] = await listAudit(store, { target: `report:${id}`, limit: 5 });
    expect(entry).toMatchObject({ action: 'report.shared', actor: 'requester@demo.tierwise' });
  });

  it('keeps nothing of a snapshot whose rows do not match the announced count', async () => {
    const id = newSnapshotId();
    await expect(
      insertSnapshot(store, record(id, clock.now()), { count: 5, cells: rows(4) }),
    ).rejects.toThrow(/4 rows, not the 5/);
    expect(await findSnapshot(store, id)).toBeUndefined();
  });

  it('refuses, in the database, any edit or delete; revocation is set once', async () => {
    const id = newSnapshotId();
    await insertSnapshot(store, record(id, clock.now()), { count: 2, cells: rows(2) });
    await expect(
      sql`update report_snapshots set document = '{}' where id = ${id}`.execute(store.db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`delete from report_snapshots where id = ${id}`.execute(store.db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`update report_snapshot_rows set rows = '[]'`.execute(store.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`delete from report_snapshot_rows`.execute(store.db)).rejects.toThrow(
      /immutable/,
    );

    clock.advance(60_000);
    expect(await markRevoked(store, id, 'admin@demo.tierwise')).toBe(true);
    expect(await markRevoked(store, id, 'someone@demo.tierwise')).toBe(false);
    await expect(
      sql`update report_snapshots set revoked_at = null where id = ${id}`.execute(store.db),
    ).rejects.toThrow(/immutable/);
    expect(await findSnapshot(store, id)).toMatchObject({
      revoked_at: clock.now(),
      revoked_by: 'admin@demo.tierwise',
    });
    expect(await allRows(store, id)).toHaveLength(2);
    const actions = (await listAudit(store, { target: `report:${id}`, limit: 5 })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['report.revoked', 'report.shared']);
  });
});
