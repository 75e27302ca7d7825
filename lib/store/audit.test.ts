import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from './audit';
import { CorruptRowError } from './errors';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
  });

  it('returns entries newest first, filtered by target or actor, in pages', async () => {
    const written = [];
    for (let index = 0; index < 5; index += 1) {
      clock.advance(1_000);
      written.push(
        await appendAudit(store, {
          actor: index % 2 === 0 ? 'Ana@Example.com' : 'bo@example.com',
          action: 'setting.updated',
          target: `setting:page-${index % 3}`,
          details: { index },
        }),
      );
    }
    const firstPage = await listAudit(store, { limit: 2 });
    expect(firstPage.map((entry) => entry.details)).toEqual([{ index: 4 }, { index: 3 }]);
    const nextPage = await listAudit(store, { limit: 2, before: firstPage[1]?.id });
    expect(nextPage.map((entry) => entry.details)).toEqual([{ index: 2 }, { index: 1 }]);

    const byAna = await listAudit(store, { actor: 'ana@example.com', limit: 10 });
    expect(byAna.map((entry) => entry.details.index)).toEqual([4, 2, 0]);
    const onPage0 = await listAudit(store, { target: 'setting:page-0', limit: 10 });
    expect(onPage0.map((entry) => entry.details.index)).toEqual([3, 0]);
    expect(written[4]).toMatchObject({ actor: 'ana@example.com', at: clock.now() });
  });

  it('is refused by the database itself when anything tries to update, delete or empty it', async () => {
    const entry = await appendAudit(store, { actor: 'ana@example.com', action: 'x', target: 'y' });
    await expect(
      sql`update audit_log set actor = 'mallory@example.com' where id = ${entry.id}`.execute(
        store.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_log where id = ${entry.id}`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    }
    const [latest] = await listAudit(store, { limit: 1 });
    expect(latest).toEqual(entry);
  });

  it('reports an entry whose details are not JSON as a corrupt row naming it', async () => {
    await sql`insert into audit_log (at, actor, action, target, details)
              values (1, 'system', 'x', 'corrupt:target', '{not json')`.execute(store.db);
    const reading = listAudit(store, { target: 'corrupt:target', limit: 1 });
    await expect(reading).rejects.toThrow(CorruptRowError);
    await expect(reading).rejects.toThrow(
      /audit_log\.details for entry \d+ is unreadable \(not valid JSON\)/,
    );
  });

  it('reports details that are JSON but not an object as corrupt too', async () => {
    await sql`insert into audit_log (at, actor, action, target, details)
              values (1, 'system', 'x', 'array:target', '[1,2]')`.execute(store.db);
    await expect(listAudit(store, { target: 'array:target', limit: 1 })).rejects.toThrow(
      CorruptRowError,
    );
  });
});
