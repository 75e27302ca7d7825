/** How far into the audit log notifications have been read. */
import { sql } from 'kysely';
import type { Store } from '@/lib/store';
import { notifyDb } from './tables';

export const CURSOR = 'webhooks';

/** Starts announcing from now: an endpoint added today is not sent the whole history. */
export async function startCursorAtNewest(store: Store): Promise<void> {
  const newest = await notifyDb(store)
    .selectFrom('audit_log')
    .select(sql<number>`coalesce(max(id), 0)`.as('id'))
    .executeTakeFirst();
  await notifyDb(store)
    .insertInto('notify_cursor')
    .values({ name: CURSOR, audit_id: Number(newest?.id ?? 0) })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
}
