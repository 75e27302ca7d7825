/**
 * The store-backed outbox: audit entries worth announcing become one row per endpoint (a unique
 * `dedupe_key`, so instances scanning the same entries store each once), and deliveries are taken
 * with a conditional update of `claimed_until`, so of several instances exactly one sends each.
 * A receiver that is down keeps its rows: they are retried with exponential backoff.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '@/lib/store';
import { listWebhookEndpoints } from './endpoints';
import { NOTIFIED_ACTIONS, notificationOf, type Notification } from './events';
import { CURSOR, startCursorAtNewest } from './cursor';
import { notifyDb } from './tables';

const SCAN_BATCH = 500;

/** Audit entries after the cursor → outbox rows for every endpoint; returns rows added. */
export async function enqueueFromAudit(store: Store): Promise<number> {
  const db = notifyDb(store);
  const cursor = await db
    .selectFrom('notify_cursor')
    .select('audit_id')
    .where('name', '=', CURSOR)
    .executeTakeFirst();
  if (!cursor) {
    await startCursorAtNewest(store);
    return 0;
  }
  const from = Number(cursor.audit_id);
  const entries = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', from)
    .orderBy('id')
    .limit(SCAN_BATCH)
    .execute();
  if (entries.length === 0) return 0;
  const endpoints = await listWebhookEndpoints(store);
  const now = store.now();
  let added = 0;
  for (const row of entries) {
    const notification = notificationOf({
      id: Number(row.id),
      at: Number(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: JSON.parse(row.details) as Record<string, never>,
    });
    if (!notification) continue;
    for (const endpoint of endpoints) {
      const result = await db
        .insertInto('webhook_outbox')
        .values(rowFor(endpoint.id, notification, now))
        .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
  }
  const last = Number(entries.at(-1)?.id ?? from);
  // Only ever forward: a slower instance finishing an older batch does not move it back.
  await db
    .updateTable('notify_cursor')
    .set({ audit_id: last })
    .where('name', '=', CURSOR)
    .where('audit_id', '<', last)
    .execute();
  return added;
}

function rowFor(endpointId: string, notification: Notification, now: number) {
  return {
    id: randomBytes(12).toString('base64url'),
    endpoint_id: endpointId,
    event: notification.event,
    dedupe_key: `${endpointId}|${notification.key}`,
    payload: JSON.stringify(notification),
    created_at: now,
    attempts: 0,
    next_attempt_at: now,
    claimed_by: null,
    claimed_until: null,
    delivered_at: null,
    gave_up_at: null,
    last_error: null,
  };
}

export const NOTIFIED_EVENTS = Object.values(NOTIFIED_ACTIONS);
